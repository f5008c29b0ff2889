import type { RenderedValue } from "@/lib/kafka/message-render";

/**
 * What the collector knows of one cluster after a sample. Offsets are numbers: JavaScript
 * numbers are exact up to 2^53, far beyond any real partition's offset.
 */

export type GroupStatus = "OK" | "WARNING" | "STALLED" | "STOPPED" | "REWOUND" | "INCOMPLETE";

export type BrokerInfo = { nodeId: number; host: string; port: number; rack: string | null };

export type PartitionInfo = {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  startOffset: number;
  endOffset: number;
};

export type TopicSnapshot = {
  name: string;
  internal: boolean;
  /** Built on first read in a web replica (lib/collector/partition-columns.ts): lists read `partitionCount`. */
  partitions: PartitionInfo[];
  partitionCount: number;
  replicationFactor: number;
  /** Messages appended per second over the last interval; null until two samples exist. */
  messagesPerSec: number | null;
  /** Messages currently retained: sum of (end - start). */
  messageCount: number;
  underReplicatedPartitions: number;
  offlinePartitions: number;
  /** retention.ms of the topic, when known (-1 = infinite). */
  retentionMs: number | null;
};

export type GroupMember = {
  memberId: string;
  clientId: string;
  host: string;
  assignments: { topic: string; partitions: number[] }[];
};

export type GroupPartitionLag = {
  topic: string;
  partition: number;
  /** null: no commit on this partition (listed because the group reads the topic; lag = end − start). */
  committedOffset: number | null;
  endOffset: number;
  startOffset: number;
  /** max(0, end - max(committed, start)); with no commit, end - start. */
  lag: number;
  /**
   * Age in seconds of the next record the group reads (the one at max(committed, start)), at the
   * sample's time: 0 when caught up; null when unknown.
   */
  timeLagSeconds: number | null;
  /**
   * True when that record could not be read (gone to retention or compaction, or the fetch failed)
   * and timeLagSeconds is estimated from the sampled end offsets instead.
   */
  timeLagEstimated: boolean;
  status: GroupStatus;
};

export type GroupTopicSummary = {
  topic: string;
  lag: number;
  maxLag: number;
  /** The worst partition's time lag. */
  timeLagSeconds: number | null;
  /** True when that worst time lag is an estimate. */
  timeLagEstimated: boolean;
  /** Committed offsets advanced per second over the last interval. */
  consumedPerSec: number | null;
  status: GroupStatus;
  /** Why this topic's status is what it is (the summed lag's verdict first, then its partitions'). */
  statusReason: string;
};

export type GroupSnapshot = {
  groupId: string;
  /** Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, Unknown. */
  state: string;
  protocolType: string;
  members: GroupMember[];
  topics: GroupTopicSummary[];
  partitions: GroupPartitionLag[];
  lag: number;
  maxLag: number;
  /** The worst partition's time lag. */
  timeLagSeconds: number | null;
  /** True when that worst time lag is an estimate. */
  timeLagEstimated: boolean;
  consumedPerSec: number | null;
  status: GroupStatus;
  /** Why the status is what it is, in words. */
  statusReason: string;
  /** Seconds to catch up at the current net rate when lag is falling, else null. */
  catchUpSeconds: number | null;
};

/** Producer header values seen on one topic over the producer window (FLOW_PRODUCER_HEADER). */
export type TopicProducers = {
  topic: string;
  /** Records sampled in the window. */
  sampledRecords: number;
  /** value null = records without the header ("unattributed"). Most records first. */
  byValue: { value: string | null; records: number; lastSeenAt: number }[];
};

/** One sampled record that broke its topic's JSON Schema contract. */
export type ConformanceViolation = {
  partition: number;
  offset: number;
  /** The record's timestamp (ms). */
  at: number;
  producer: string | null;
  /** JSON pointer of the offending place, "" for the root (e.g. "/amount"). */
  pointer: string;
  /** Ajv's message, or "value is not JSON: …". */
  message: string;
  value: RenderedValue;
};

/** Conformance of one topic's sampled records against its JSON Schema contract, over the window. */
export type TopicConformance = {
  topic: string;
  /** The schema version in force. */
  contractVersion: number;
  checked: number;
  violations: number;
  byProducer: { value: string | null; checked: number; violations: number }[];
  /** Newest first, at most 20. */
  latestViolations: ConformanceViolation[];
};

export type ClusterSnapshot = {
  cluster: string;
  clusterId: string;
  controller: number | null;
  brokers: BrokerInfo[];
  topics: TopicSnapshot[];
  groups: GroupSnapshot[];
  /** When the sample was taken (ms since epoch). */
  sampledAt: number;
  /** How long taking the sample took. */
  sampleDurationMs: number;
  totals: {
    topics: number;
    partitions: number;
    underReplicatedPartitions: number;
    offlinePartitions: number;
    messagesPerSec: number | null;
  };
  /** One per non-internal topic with sampled records in the producer window. */
  producers: TopicProducers[];
  /** One per topic with a JSON Schema contract on this cluster. */
  conformance: TopicConformance[];
  /** Records checked and violations per topic since the collector started (Prometheus counters). */
  conformanceTotals: { topic: string; checked: number; violations: number }[];
};

/** The collector's view of a cluster: the last good snapshot plus whether it is current. */
export type ClusterState = {
  cluster: string;
  snapshot: ClusterSnapshot | null;
  /** True when the latest attempt to sample failed; snapshot (if any) is older. */
  stale: boolean;
  /** Age of the snapshot in seconds at the time of reading. */
  ageSeconds: number | null;
  lastError: string | null;
  lastAttemptAt: number | null;
  consecutiveFailures: number;
  /**
   * Who samples the cluster: the leading collector's id and lease epoch; down (since when) when no
   * collector holds the lease, in which case stale is true and lastError says so.
   */
  collector: { leader: string | null; epoch: number | null; down: boolean; since: number | null };
};
