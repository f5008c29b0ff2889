// Snapshots and catalogs for the alerts' unit tests. No "server-only": test support only.
import type { ClusterSnapshot, GroupSnapshot, GroupStatus } from "@/lib/collector/types";
import type { AlertCatalog } from "@/lib/alerts/evaluate-rules";

export function groupOf(groupId: string, topic: string, values: { lag?: number; timeLagSeconds?: number | null; status?: GroupStatus }): GroupSnapshot {
  const status = values.status ?? "OK";
  const summary = {
    topic,
    lag: values.lag ?? 0,
    maxLag: values.lag ?? 0,
    timeLagSeconds: values.timeLagSeconds ?? 0,
    timeLagEstimated: false,
    consumedPerSec: 1,
    status,
    statusReason: `${status} for a reason`,
  };
  return {
    groupId,
    state: "Stable",
    protocolType: "consumer",
    members: [],
    topics: [summary],
    partitions: [],
    lag: summary.lag,
    maxLag: summary.maxLag,
    timeLagSeconds: summary.timeLagSeconds,
    timeLagEstimated: false,
    consumedPerSec: 1,
    status,
    statusReason: summary.statusReason,
    catchUpSeconds: null,
  };
}

export function snapshotOf(parts: Partial<Pick<ClusterSnapshot, "groups" | "topics" | "conformance">>, cluster = "local"): ClusterSnapshot {
  return {
    cluster,
    clusterId: "c1",
    controller: 1,
    brokers: [],
    topics: parts.topics ?? [],
    groups: parts.groups ?? [],
    sampledAt: 1_000_000,
    sampleDurationMs: 5,
    totals: { topics: 0, partitions: 0, underReplicatedPartitions: 0, offlinePartitions: 0, messagesPerSec: null },
    producers: [],
    conformance: parts.conformance ?? [],
    conformanceTotals: [],
  };
}

export function topicOf(name: string, messagesPerSec: number | null) {
  return { name, internal: false, partitions: [], partitionCount: 0, replicationFactor: 1, messagesPerSec, messageCount: 0, underReplicatedPartitions: 0, offlinePartitions: 0, retentionMs: null };
}

export const CATALOG: AlertCatalog = {
  contracts: [
    { cluster: "local", topic: "orders.created", lagObjectiveSec: 60, ownerService: "orders", ownerTeam: "commerce" },
    { cluster: "local", topic: "payments.authorized", lagObjectiveSec: null, ownerService: "payments", ownerTeam: "commerce" },
  ],
  groups: [
    { groupId: "fraud-detection", service: "fraud-detection", team: "trust" },
    { groupId: "analytics-etl", service: "analytics", team: "data-platform" },
  ],
};
