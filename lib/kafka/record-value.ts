import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import { fetchRecordsFrom, findTopicPartitions, offsetRange } from "@/lib/kafka/record-fetch";

export type RecordValueResult =
  | { found: true; value: Buffer }
  | { found: false; reason: "no-topic" | "no-partition" | "no-record" | "no-value"; message: string };

/**
 * The whole value of one record, for the message browser's download of values too long to show.
 * "no-record" covers offsets before the log start (gone to retention), at or beyond the end, and
 * offsets compaction removed; "no-value" a tombstone.
 */
export async function readRecordValue(config: ClusterConfig, topic: string, partition: number, offset: number): Promise<RecordValueResult> {
  const { cluster } = await connectKafkaClients(config);
  const partitions = await findTopicPartitions(cluster, topic);
  if (!partitions) return { found: false, reason: "no-topic", message: `topic "${topic}" not found` };
  const leader = partitions.find((entry) => entry.partitionId === partition)?.leader;
  if (leader === undefined) return { found: false, reason: "no-partition", message: `partition ${partition} of topic "${topic}" not found` };
  const broker = await cluster.findBroker({ nodeId: leader });
  const { start, end } = await offsetRange(broker, topic, partition);
  const missing = { found: false, reason: "no-record", message: `no record at offset ${offset} of partition ${partition} (offsets ${start} to ${end - 1} exist)` } as const;
  if (offset < start || offset >= end) return missing;
  const record = (await fetchRecordsFrom(broker, topic, partition, offset)).find((entry) => Number(entry.offset) === offset);
  if (!record || record.isControlRecord) return missing;
  if (record.value === null) return { found: false, reason: "no-value", message: `the record at offset ${offset} of partition ${partition} has no value (a tombstone)` };
  return { found: true, value: record.value };
}
