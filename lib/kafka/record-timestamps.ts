import "server-only";
import type { InternalCluster } from "@/lib/kafka/internal-cluster";
import { fetchFromLeader, partitionKey, withDeadline } from "@/lib/kafka/leader-fetch";
import { pickRecordTimestamp, type FetchedRecord } from "@/lib/kafka/pick-record-timestamp";
import { RecordMap } from "@/lib/collector/group-positions";

/** A record whose timestamp some group's time lag needs: the next one the group reads. */
export type WantedRecord = { topic: string; partition: number; offset: number; leader: number };

/** What reading the timestamps cost in one sample. */
export type TimestampReadStats = {
  /** Distinct records wanted (lagging partitions, several groups at one offset counted once). */
  wanted: number;
  /** Answered from the cache, without a fetch. */
  cached: number;
  /** Fetch requests sent (one per leader broker, rarely up to MAX_REQUESTS_PER_LEADER). */
  requests: number;
  /** Partitions asked for across those requests. */
  fetchedPartitions: number;
  /** Records not read: fetch failed, timed out, error code, or not reached (estimated this sample). */
  unread: number;
  durationMs: number;
};

/**
 * A few KB per partition cover a typical batch. Kafka returns the first non-empty partition's first
 * batch whole even when it is larger (KIP-74) but truncates the others to their limit, and kafkajs
 * drops a truncated batch: a partition that came back with nothing usable is asked again with room
 * for a batch of up to 1 MiB (Kafka's default max.message.bytes). Each leader gets at most
 * MAX_REQUESTS_PER_LEADER requests per sample, each bounded in bytes.
 */
const SMALL_PARTITION_BYTES = 8 * 1024;
const LARGE_PARTITION_BYTES = 1024 * 1024;
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const MAX_REQUESTS_PER_LEADER = 3;
/** With less than this left of the budget no further request is started. */
const MIN_RETRY_MS = 200;

/**
 * Per cluster: (topic, partition, offset) → the record's timestamp, or null when no record with a
 * timestamp is at that offset any more (compacted away). Only keys wanted by the latest sample are
 * kept, so the cache never outgrows one sample's lagging partitions; an idle, stuck group costs no
 * fetch after its first.
 */
const caches = new Map<string, RecordMap<number | null>>();

/**
 * Reads the timestamps of `wanted` records: cached ones from memory, the rest with one Fetch per
 * leader broker for all its partitions (and, rarely, one or two more for partitions whose batch
 * did not fit or that several groups want at different offsets).
 * Never throws and never takes much longer than `budgetMs`: a record it could not read is simply
 * missing from the answer, and its time lag falls back to the estimate.
 */
export async function readRecordTimestamps(
  clusterName: string,
  cluster: InternalCluster,
  wanted: WantedRecord[],
  budgetMs: number,
): Promise<{ timestamps: RecordMap<number>; stats: TimestampReadStats }> {
  const started = Date.now();
  const deadline = started + budgetMs;
  const cache = caches.get(clusterName) ?? new RecordMap<number | null>();
  const kept = new RecordMap<number | null>();
  const timestamps = new RecordMap<number>();
  const stats: TimestampReadStats = { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 };

  const byLeader = new Map<number, WantedRecord[]>();
  const seen = new RecordMap<true>();
  for (const record of wanted) {
    const { topic, partition, offset } = record;
    if (seen.has(topic, partition, offset)) continue; // several groups at the same offset share one read
    seen.set(topic, partition, offset, true);
    stats.wanted += 1;
    const cached = cache.get(topic, partition, offset);
    if (cached !== undefined) {
      kept.set(topic, partition, offset, cached);
      if (cached !== null) timestamps.set(topic, partition, offset, cached);
      stats.cached += 1;
    } else if (record.leader >= 0) {
      const list = byLeader.get(record.leader);
      if (list) list.push(record);
      else byLeader.set(record.leader, [record]);
    }
  }

  await Promise.all(
    [...byLeader].map(async ([leader, records]) => {
      const settled = await readFromLeader(cluster, leader, records, deadline, stats);
      for (const [record, timestamp] of settled) {
        kept.set(record.topic, record.partition, record.offset, timestamp);
        if (timestamp !== null) timestamps.set(record.topic, record.partition, record.offset, timestamp);
      }
    }),
  );

  caches.set(clusterName, kept);
  stats.durationMs = Date.now() - started;
  return { timestamps, stats };
}

/**
 * Fetches from one leader until every record is settled (timestamp, or null when gone), the
 * request limit is reached or the deadline passes. A partition appears once per request, at the
 * lowest offset still wanted there; the batches that come back often settle higher offsets of the
 * same partition (other groups further ahead) too.
 */
async function readFromLeader(
  cluster: InternalCluster,
  leader: number,
  records: WantedRecord[],
  deadline: number,
  stats: TimestampReadStats,
): Promise<Map<WantedRecord, number | null>> {
  // `records` are distinct, so each one stands for its (topic, partition, offset).
  const settled = new Map<WantedRecord, number | null>();
  const truncated = new Set<WantedRecord>(); // records asked for with few bytes that came back unusable
  let pending = records;
  for (let request = 0; request < MAX_REQUESTS_PER_LEADER && pending.length > 0; request++) {
    if (request > 0 && deadline - Date.now() < MIN_RETRY_MS) break;
    const fetchAt = new Map<string, WantedRecord>();
    for (const record of pending) {
      const partitionId = partitionKey(record.topic, record.partition);
      const lowest = fetchAt.get(partitionId);
      if (!lowest || record.offset < lowest.offset) fetchAt.set(partitionId, record);
    }
    stats.requests += 1;
    stats.fetchedPartitions += fetchAt.size;
    const partitions = await withDeadline(fetchPartitions(cluster, leader, [...fetchAt.values()], truncated), deadline).catch(() => undefined);
    if (!partitions) break;
    const next: WantedRecord[] = [];
    for (const record of pending) {
      const partitionId = partitionKey(record.topic, record.partition);
      const fetched = partitions.get(partitionId);
      if (!fetched || fetched.errorCode !== 0) continue; // failed: estimated this sample
      const outcome = pickRecordTimestamp(fetched.messages, record.offset);
      if (outcome.kind === "found") settled.set(record, outcome.timestamp);
      else if (outcome.kind === "gone") settled.set(record, null);
      else if (fetchAt.get(partitionId) !== record) next.push(record); // not reached yet: ask from it next time
      else if (!truncated.has(record)) {
        truncated.add(record);
        next.push(record);
      }
    }
    pending = next;
  }
  stats.unread += records.length - settled.size;
  return settled;
}

async function fetchPartitions(
  cluster: InternalCluster,
  leader: number,
  records: WantedRecord[],
  truncated: ReadonlySet<WantedRecord>,
): Promise<Map<string, { errorCode: number; messages: FetchedRecord[] }>> {
  return fetchFromLeader(
    cluster,
    leader,
    records.map((record) => ({
      topic: record.topic,
      partition: record.partition,
      fetchOffset: record.offset,
      maxBytes: truncated.has(record) ? LARGE_PARTITION_BYTES : SMALL_PARTITION_BYTES,
    })),
    MAX_REQUEST_BYTES,
  );
}
