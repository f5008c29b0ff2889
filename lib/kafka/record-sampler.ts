import "server-only";
import type { InternalCluster } from "@/lib/kafka/internal-cluster";
import { fetchFromLeader, partitionKey, withDeadline } from "@/lib/kafka/leader-fetch";
import { cutToBudget, markVisited, planSample, type PlanTopic, type PlannedPartition, type SampleBudget, type SamplerState } from "@/lib/kafka/sample-plan";
import { renderHeader } from "@/lib/kafka/message-render";

/** One record the sampler read: enough to attribute it to a producer and check it against a contract. */
export type SampledRecord = {
  topic: string;
  partition: number;
  offset: number;
  /** The record's timestamp (ms). */
  timestamp: number;
  value: Buffer | null;
  /** The producer header's value (first one when repeated); null without the header. */
  producer: string | null;
  /** Key + value bytes, what the byte budget counts. */
  bytes: number;
};

export type SampleReadStats = {
  /** Fetch requests sent: one per leader broker with something to read. */
  requests: number;
  /** Partitions asked for across them. */
  partitions: number;
  /** Partitions that failed (error code, fetch error or timeout); tried again on their next turn. */
  failedPartitions: number;
  /** Records kept after the budget cut. */
  records: number;
  bytes: number;
  durationMs: number;
  /** Why a request failed, when one did (the first such reason). */
  error: string | null;
};

export type SamplerOptions = SampleBudget & {
  /** The producer header (FLOW_PRODUCER_HEADER). */
  header: string;
  /** At most this long is spent; what is not read by then is tried again on its next turn. */
  budgetMs: number;
};

/** A request never asks for more than this in all, whatever the number of partitions. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/**
 * Reads the newest records of every non-internal topic within the budget (see planSample): one
 * Fetch per leader broker for all the partitions it leads that were chosen, sent as a plain
 * replica-less fetch (no group, no commit, invisible to consumers). Never throws and never takes
 * much longer than `budgetMs`: a failure only means fewer records this interval.
 */
export async function sampleRecords(
  cluster: InternalCluster,
  state: SamplerState,
  topics: PlanTopic[],
  options: SamplerOptions,
): Promise<{ records: SampledRecord[]; stats: SampleReadStats }> {
  const started = Date.now();
  const stats: SampleReadStats = { requests: 0, partitions: 0, failedPartitions: 0, records: 0, bytes: 0, durationMs: 0, error: null };
  const plan = planSample(state, topics, options);
  const fetched: SampledRecord[] = [];
  await Promise.all(
    [...plan].map(async ([leader, partitions]) => {
      stats.requests += 1;
      stats.partitions += partitions.length;
      const answer = await withDeadline(readPlanned(cluster, leader, partitions, options.header), started + options.budgetMs).catch((error: unknown) => {
        stats.error ??= error instanceof Error ? error.message : String(error);
        return undefined;
      });
      if (!answer) stats.error ??= `no answer from broker ${leader} within ${options.budgetMs} ms`;
      for (const planned of partitions) {
        const result = answer?.get(partitionKey(planned.topic, planned.partition));
        if (!result || result.errorCode !== 0) {
          if (result) stats.error ??= `${planned.topic} [${planned.partition}]: Kafka error code ${result.errorCode}`;
          stats.failedPartitions += 1;
          continue;
        }
        markVisited(state, planned);
        fetched.push(...result.records);
      }
    }),
  );

  const plannedByTopic = new Map<string, PlannedPartition[]>();
  for (const partitions of plan.values()) {
    for (const planned of partitions) plannedByTopic.set(planned.topic, [...(plannedByTopic.get(planned.topic) ?? []), planned]);
  }
  const byTopic = new Map<string, SampledRecord[]>();
  for (const record of fetched) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
  const records = [...byTopic].flatMap(([topic, list]) => cutToBudget(list, plannedByTopic.get(topic) ?? [], options));
  stats.records = records.length;
  stats.bytes = records.reduce((total, record) => total + record.bytes, 0);
  stats.durationMs = Date.now() - started;
  return { records, stats };
}

/** The leader's answer for the planned partitions, as sampled records (control records left out). */
async function readPlanned(
  cluster: InternalCluster,
  leader: number,
  partitions: PlannedPartition[],
  header: string,
): Promise<Map<string, { errorCode: number; records: SampledRecord[] }>> {
  const reads = partitions.map((planned) => ({ topic: planned.topic, partition: planned.partition, fetchOffset: planned.fromOffset, maxBytes: planned.maxBytes }));
  const maxRequestBytes = Math.min(MAX_REQUEST_BYTES, partitions.reduce((total, planned) => total + planned.maxBytes, 0));
  const answer = await fetchFromLeader(cluster, leader, reads, maxRequestBytes);
  const sampled = new Map<string, { errorCode: number; records: SampledRecord[] }>();
  for (const { topic, partition } of reads) {
    const fetched = answer.get(partitionKey(topic, partition));
    if (!fetched) continue;
    sampled.set(partitionKey(topic, partition), {
      errorCode: fetched.errorCode,
      records: fetched.messages
        .filter((message) => !message.isControlRecord)
        .map((message) => ({
          topic,
          partition,
          offset: Number(message.offset),
          timestamp: Number(message.timestamp),
          value: message.value,
          producer: headerValue(message.headers, header),
          bytes: (message.key?.length ?? 0) + (message.value?.length ?? 0),
        })),
    });
  }
  return sampled;
}

/** The header's first value as text; null when the record has no such header. */
export function headerValue(headers: Record<string, Buffer | Buffer[] | undefined> | undefined, name: string): string | null {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined || first === null ? null : renderHeader(first);
}
