import "server-only";
import type { InternalCluster, RawFetchedPartition } from "@/lib/kafka/internal-cluster";

export type FetchedRecord = RawFetchedPartition["messages"][number];
type Broker = Awaited<ReturnType<InternalCluster["findBroker"]>>;

/** What one Fetch may return per partition at first: enough for hundreds of ordinary records. */
const FETCH_BYTES = 1024 * 1024;
/**
 * The most one Fetch may ask for when a record is bigger than that. Kafka (fetch v3+) returns a
 * first batch whole even when it is bigger than maxBytes, so this only matters for brokers that
 * do not; it bounds the memory one read can take.
 */
const MAX_FETCH_BYTES = 64 * 1024 * 1024;

/** A partition of a topic and the broker that leads it; null when the topic does not exist. */
export async function findTopicPartitions(
  cluster: InternalCluster,
  topic: string,
): Promise<{ partitionId: number; leader: number }[] | null> {
  // Kafka answers a metadata request for a missing topic with an error, not an empty list: that is
  // "no such topic" (404), not "Kafka unreachable" (503).
  const metadata = await cluster.metadata({ topics: [topic] }).catch((error: unknown) => {
    if ((error as { type?: string }).type === "UNKNOWN_TOPIC_OR_PARTITION") return null;
    throw error;
  });
  const topicMetadata = metadata?.topicMetadata.find((entry) => entry.topic === topic && entry.topicErrorCode === 0);
  if (!topicMetadata) return null;
  return topicMetadata.partitionMetadata
    .map(({ partitionId, leader }) => ({ partitionId, leader }))
    .sort((a, b) => a.partitionId - b.partitionId);
}

/** The offset of the first record at or after `timestamp`; -2 = log start, -1 = end; -1 back when none is. */
export async function offsetAt(broker: Broker, topic: string, partition: number, timestamp: number): Promise<number> {
  const { responses } = await broker.listOffsets({ isolationLevel: 0, topics: [{ topic, partitions: [{ partition, timestamp }] }] });
  return Number(responses[0]?.partitions[0]?.offset ?? 0);
}

export async function offsetRange(broker: Broker, topic: string, partition: number): Promise<{ start: number; end: number }> {
  return { start: await offsetAt(broker, topic, partition, -2), end: await offsetAt(broker, topic, partition, -1) };
}

/**
 * The records from `offset` on that one Fetch returns, never an empty answer while the partition
 * has data there. Why that needs care: when a record batch does not fit in maxBytes the broker
 * sends its first bytes only, and kafkajs drops a partial batch without a word; so a 2 MiB record
 * behind small ones vanished from the browser. Here a fetch that yields no record at or after
 * `offset` is repeated with a larger maxBytes (bounded by MAX_FETCH_BYTES), and the caller
 * continues from the record after the last one returned, so the big record comes first in the
 * next fetch, where Kafka returns it whole. Control records (transaction markers) are included so
 * that the caller can step over them.
 */
export async function fetchRecordsFrom(broker: Broker, topic: string, partition: number, offset: number): Promise<FetchedRecord[]> {
  for (let maxBytes = FETCH_BYTES; ; maxBytes *= 4) {
    const bytes = Math.min(maxBytes, MAX_FETCH_BYTES);
    const { responses } = await broker.fetch({
      replicaId: -1,
      isolationLevel: 0,
      maxWaitTime: 200,
      minBytes: 1,
      maxBytes: bytes,
      topics: [{ topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes: bytes }] }],
    });
    const fetched: RawFetchedPartition | undefined = responses[0]?.partitions[0];
    const records = (fetched?.messages ?? []).filter((record) => Number(record.offset) >= offset);
    if (records.length > 0) return records;
    const highWatermark = Number(fetched?.highWatermark ?? -1);
    if (offset >= highWatermark || bytes >= MAX_FETCH_BYTES) return [];
  }
}
