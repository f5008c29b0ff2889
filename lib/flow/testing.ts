// Small builders of hand-made catalogs and snapshots for the flow unit tests.
import type { ClusterSnapshot, GroupSnapshot, GroupStatus, TopicSnapshot } from "@/lib/collector/types";
import type { FlowCatalog, FlowCatalogService } from "@/lib/flow/types";

export function makeService(slug: string, overrides: Partial<FlowCatalogService> = {}): FlowCatalogService {
  return {
    slug,
    name: slug.charAt(0).toUpperCase() + slug.slice(1),
    teamSlug: `${slug}-team`,
    teamName: `${slug} team`,
    tier: "medium",
    tags: [],
    consumerGroups: [],
    ...overrides,
  };
}

export function makeCatalog(overrides: Partial<FlowCatalog> = {}): FlowCatalog {
  return { services: [], contracts: [], flows: [], ...overrides };
}

export function makeTopic(name: string, messagesPerSec: number | null = 10, internal = false): TopicSnapshot {
  return {
    name,
    internal,
    partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: 100 }],
    partitionCount: 1,
    replicationFactor: 1,
    messagesPerSec,
    messageCount: 100,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    retentionMs: null,
  };
}

export type GroupTopicSpec = {
  topic: string;
  consumedPerSec?: number | null;
  lag?: number;
  timeLagSeconds?: number | null;
  status?: GroupStatus;
  /** The topic's own status reason; the group's when not given. */
  statusReason?: string;
  /** False: the group is assigned the topic but never committed on it. */
  committed?: boolean;
};

export function makeGroup(groupId: string, topics: GroupTopicSpec[], statusReason = "caught up"): GroupSnapshot {
  const summaries = topics.map((spec) => ({
    topic: spec.topic,
    lag: spec.lag ?? 0,
    maxLag: spec.lag ?? 0,
    timeLagSeconds: spec.timeLagSeconds ?? 0,
    timeLagEstimated: false,
    consumedPerSec: spec.consumedPerSec === undefined ? 5 : spec.consumedPerSec,
    status: spec.status ?? "OK",
    statusReason: spec.statusReason ?? statusReason,
  }));
  return {
    groupId,
    state: "Stable",
    protocolType: "consumer",
    members: [{ memberId: "m1", clientId: groupId, host: "/127.0.0.1", assignments: [] }],
    topics: summaries,
    partitions: topics.map((spec) => ({
      topic: spec.topic,
      partition: 0,
      committedOffset: spec.committed === false ? null : 90,
      endOffset: 100,
      startOffset: 0,
      lag: spec.lag ?? 0,
      timeLagSeconds: spec.timeLagSeconds ?? 0,
      timeLagEstimated: false,
      status: spec.status ?? "OK",
    })),
    lag: summaries.reduce((sum, summary) => sum + summary.lag, 0),
    maxLag: 0,
    timeLagSeconds: 0,
    timeLagEstimated: false,
    consumedPerSec: 5,
    status: summaries.find((summary) => summary.status !== "OK")?.status ?? "OK",
    statusReason,
    catchUpSeconds: null,
  };
}

export function makeSnapshot(topics: TopicSnapshot[], groups: GroupSnapshot[], cluster = "local"): ClusterSnapshot {
  return {
    cluster,
    clusterId: "test-cluster",
    controller: 1,
    brokers: [{ nodeId: 1, host: "localhost", port: 9092, rack: null }],
    topics,
    groups,
    sampledAt: 1_700_000_000_000,
    sampleDurationMs: 5,
    totals: { topics: topics.length, partitions: topics.length, underReplicatedPartitions: 0, offlinePartitions: 0, messagesPerSec: 0 },
    producers: [],
    conformance: [],
    conformanceTotals: [],
  };
}
