import { describe, expect, it } from "vitest";
import type { ClusterSnapshot, ClusterState, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";
import {
  evaluateLagObjective,
  listUndocumentedGroups,
  listTopicReaders,
  listUnownedTopics,
  summarizeServiceLive,
} from "@/lib/catalog/live-join";

function topic(name: string, partitions: number, messagesPerSec: number | null, internal = false): TopicSnapshot {
  return {
    name,
    internal,
    partitions: Array.from({ length: partitions }, (_, partition) => ({
      partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: 100,
    })),
    partitionCount: partitions,
    replicationFactor: 1,
    messagesPerSec,
    messageCount: partitions * 100,
    underReplicatedPartitions: 0,
    offlinePartitions: 0,
    retentionMs: 604_800_000,
  };
}

function group(groupId: string, topics: { topic: string; lag: number; timeLagSeconds: number | null }[]): GroupSnapshot {
  return {
    groupId,
    state: "Stable",
    protocolType: "consumer",
    members: [],
    topics: topics.map((entry) => ({ ...entry, timeLagEstimated: false, maxLag: entry.lag, consumedPerSec: 2, status: "OK" as const, statusReason: "caught up" })),
    partitions: [],
    lag: topics.reduce((sum, entry) => sum + entry.lag, 0),
    maxLag: Math.max(0, ...topics.map((entry) => entry.lag)),
    timeLagSeconds: topics[0]?.timeLagSeconds ?? null,
    timeLagEstimated: false,
    consumedPerSec: 2,
    status: "OK",
    statusReason: "committing and keeping up",
    catchUpSeconds: null,
  };
}

function snapshot(cluster: string, topics: TopicSnapshot[], groups: GroupSnapshot[]): ClusterSnapshot {
  return {
    cluster, clusterId: "abc", controller: 1, brokers: [], topics, groups, sampledAt: 1_700_000_000_000, sampleDurationMs: 12,
    totals: { topics: topics.length, partitions: 0, underReplicatedPartitions: 0, offlinePartitions: 0, messagesPerSec: null },
    producers: [], conformance: [], conformanceTotals: [],
  };
}

function state(snap: ClusterSnapshot | null, cluster = snap?.cluster ?? "local"): ClusterState {
  return { cluster, snapshot: snap, stale: false, ageSeconds: 3, lastError: null, lastAttemptAt: null, consecutiveFailures: 0, collector: { leader: "test", epoch: 1, down: false, since: null } };
}

const demo = snapshot(
  "local",
  [
    topic("orders.created", 6, 12.5),
    topic("payments.authorized", 3, 10),
    topic("__consumer_offsets", 50, 1, true),
    topic("__internal-ish", 1, 0),
    topic("scratch.tmp", 1, 0),
  ],
  [
    group("payments-service", [{ topic: "orders.created", lag: 4, timeLagSeconds: 1.5 }]),
    group("legacy-reporting", [{ topic: "payments.authorized", lag: 900, timeLagSeconds: 240 }]),
    group("analytics-etl", [
      { topic: "orders.created", lag: 0, timeLagSeconds: null },
      { topic: "payments.authorized", lag: 30, timeLagSeconds: 95 },
    ]),
  ],
);

describe("listUnownedTopics", () => {
  it("lists live non-internal topics with no contract on that cluster", () => {
    const contracts = [
      { cluster: "local", topic: "orders.created" },
      { cluster: "other", topic: "payments.authorized" },
    ];
    expect(listUnownedTopics(demo, contracts).map((entry) => entry.name)).toEqual(["payments.authorized", "scratch.tmp"]);
  });
});

describe("listUndocumentedGroups", () => {
  it("lists live groups that no service maps", () => {
    const services = [
      { slug: "payments", consumerGroups: ["payments-service"] },
      { slug: "analytics", consumerGroups: ["analytics-etl", "never-started"] },
    ];
    expect(listUndocumentedGroups(demo, services).map((entry) => entry.groupId)).toEqual(["legacy-reporting"]);
  });
});

describe("evaluateLagObjective", () => {
  it.each([
    [10, 5, 60, "met"],
    [61, 5, 60, "exceeded"],
    [60, 5, 60, "met"],
    [null, 0, 60, "met"],
    [null, 7, 60, "unknown"],
    [500, 7, null, "no-objective"],
  ] as const)("time lag %s s, lag %s, objective %s s → %s", (timeLag, lag, objective, verdict) => {
    expect(evaluateLagObjective(timeLag, lag, objective)).toBe(verdict);
  });
});

describe("summarizeServiceLive", () => {
  const analytics = { slug: "analytics", consumerGroups: ["analytics-etl", "never-started"] };
  const topics = [
    { cluster: "local", topic: "orders.created", roles: ["consumes" as const], lagObjectiveSec: 60 },
    { cluster: "local", topic: "payments.gone", roles: ["consumes" as const], lagObjectiveSec: 60 },
  ];
  const objectives = [...topics, { cluster: "local", topic: "payments.authorized", lagObjectiveSec: 90 }];

  it("joins topics with live throughput and groups with lag against objectives", () => {
    const summary = summarizeServiceLive(analytics, topics, [state(demo)], objectives);
    expect(summary.topics.map(({ topic: name, presence, messagesPerSec, partitions }) => ({ name, presence, messagesPerSec, partitions }))).toEqual([
      { name: "orders.created", presence: "live", messagesPerSec: 12.5, partitions: 6 },
      { name: "payments.gone", presence: "missing", messagesPerSec: null, partitions: null },
    ]);
    const [etl, missing] = summary.groups;
    expect(etl?.cluster).toBe("local");
    expect(etl?.topics.map(({ topic: name, objective, lagObjectiveSec }) => ({ name, objective, lagObjectiveSec }))).toEqual([
      { name: "orders.created", objective: "met", lagObjectiveSec: 60 },
      { name: "payments.authorized", objective: "exceeded", lagObjectiveSec: 90 },
    ]);
    expect(missing).toEqual({
      groupId: "never-started", cluster: null, state: null, status: null, statusReason: null, lag: null, timeLagSeconds: null, topics: [],
    });
  });

  it("says there is no snapshot rather than guessing when Kafka gave nothing", () => {
    const summary = summarizeServiceLive(analytics, topics, [state(null, "local")]);
    expect(summary.topics.map((row) => row.presence)).toEqual(["no-snapshot", "no-snapshot"]);
    expect(summary.groups.map((row) => row.cluster)).toEqual([null, null]);
  });
});

describe("listTopicReaders", () => {
  it("lists the groups reading a topic, their service (or none) and the objective verdict", () => {
    const services = [{ slug: "analytics", consumerGroups: ["analytics-etl"] }];
    expect(listTopicReaders(demo, "payments.authorized", services, 90)).toEqual([
      { groupId: "analytics-etl", service: "analytics", status: "OK", lag: 30, timeLagSeconds: 95, objective: "exceeded" },
      { groupId: "legacy-reporting", service: null, status: "OK", lag: 900, timeLagSeconds: 240, objective: "exceeded" },
    ]);
    expect(listTopicReaders(demo, "scratch.tmp", services, 90)).toEqual([]);
  });
});
