import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import { renderHeader, renderText, renderValue, type RenderedValue } from "@/lib/kafka/message-render";
import { fetchRecordsFrom, findTopicPartitions, offsetAt, offsetRange, type FetchedRecord } from "@/lib/kafka/record-fetch";
import type { MessageQuery } from "@/lib/validation/observability";

export { renderValue, MAX_VALUE_BYTES, type RenderedValue } from "@/lib/kafka/message-render";

export type BrowsedMessage = {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  /** Headers as text; binary header values are shown as base64 with a "base64:" prefix. */
  headers: Record<string, string>;
  /** Whole, or a preview when `value.truncated` (then the full value is a download). */
  value: RenderedValue;
  /** Key + value bytes. */
  sizeBytes: number;
  /** The value's own size in bytes, also when only a preview is sent; null for a tombstone. */
  valueSizeBytes: number | null;
};

/**
 * Reads messages with plain Fetch requests, as a replica-less reader: no consumer group is joined
 * and nothing is committed, so real consumers are never disturbed. Every record in the chosen
 * range is returned, however big: a value beyond the display limit comes back as a preview.
 */
export async function browseMessages(
  config: ClusterConfig,
  topic: string,
  query: MessageQuery,
): Promise<{ messages: BrowsedMessage[]; partitions: number[] } | null> {
  const { cluster } = await connectKafkaClients(config);
  const topicPartitions = await findTopicPartitions(cluster, topic);
  if (!topicPartitions) return null;
  const partitions = topicPartitions
    .filter((partition) => query.partition === "all" || partition.partitionId === query.partition)
    .filter((partition) => partition.leader >= 0);

  const perPartition = await Promise.all(
    partitions.map(async ({ partitionId, leader }) => {
      const broker = await cluster.findBroker({ nodeId: leader });
      const { start, end } = await offsetRange(broker, topic, partitionId);
      let fetchOffset: number;
      if (query.from === "latest") fetchOffset = Math.max(start, end - query.limit);
      else if (query.from === "offset") fetchOffset = Math.max(start, query.offset!);
      else {
        const atTime = await offsetAt(broker, topic, partitionId, query.timestamp!);
        fetchOffset = atTime < 0 ? end : atTime; // -1: nothing at or after that time
      }
      return readForward(broker, topic, partitionId, fetchOffset, end, query.limit);
    }),
  );

  const all = perPartition.flat();
  const messages =
    query.from === "latest"
      ? all.sort((a, b) => b.timestamp - a.timestamp || b.offset - a.offset).slice(0, query.limit)
      : all.sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || a.offset - b.offset).slice(0, query.limit);
  return { messages, partitions: topicPartitions.map((partition) => partition.partitionId) };
}

/**
 * Up to `limit` records of one partition from `fromOffset` on, fetch after fetch, each continuing
 * after the last record the previous one returned: a record that did not fit in one fetch comes
 * first (and whole) in the next, so none is skipped. Each record becomes its rendered form at once,
 * so a read holds at most one fetch's raw bytes, not `limit` big values.
 */
async function readForward(
  broker: Parameters<typeof fetchRecordsFrom>[0],
  topic: string,
  partition: number,
  fromOffset: number,
  endOffset: number,
  limit: number,
): Promise<BrowsedMessage[]> {
  const messages: BrowsedMessage[] = [];
  let next = fromOffset;
  // Every round returns at least one record (or ends the loop); the bound is a guard, not a limit.
  for (let round = 0; messages.length < limit && next < endOffset && round < limit + 16; round++) {
    const records = await fetchRecordsFrom(broker, topic, partition, next);
    if (records.length === 0) break;
    for (const record of records) {
      if (messages.length >= limit) break;
      if (!record.isControlRecord) messages.push(toBrowsedMessage(partition, record));
    }
    next = Number(records[records.length - 1]!.offset) + 1;
  }
  return messages;
}

function toBrowsedMessage(partition: number, message: FetchedRecord): BrowsedMessage {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    headers[name] = values.map((value) => renderHeader(value)).join(", ");
  }
  return {
    partition,
    offset: Number(message.offset),
    timestamp: Number(message.timestamp),
    key: message.key ? renderText(message.key) : null,
    headers,
    value: renderValue(message.value),
    sizeBytes: (message.key?.length ?? 0) + (message.value?.length ?? 0),
    valueSizeBytes: message.value ? message.value.length : null,
  };
}
