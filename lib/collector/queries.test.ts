import { describe, expect, it } from "vitest";
import { listGroups, listTopics } from "@/lib/collector/queries";
import type { ClusterSnapshot, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";
import { groupListQuerySchema, topicListQuerySchema } from "@/lib/validation/observability";

const topic = (name: string, partitions: number, messagesPerSec: number | null, internal = false): TopicSnapshot => ({
  name,
  internal,
  partitions: Array.from({ length: partitions }, (_, partition) => ({
    partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: 10,
  })),
  partitionCount: partitions,
  replicationFactor: 1,
  messagesPerSec,
  messageCount: 10 * partitions,
  underReplicatedPartitions: 0,
  offlinePartitions: 0,
  retentionMs: 604_800_000,
});

const group = (groupId: string, status: GroupSnapshot["status"], readsTopic: string, lag: number): GroupSnapshot => ({
  groupId, state: "Stable", protocolType: "consumer", members: [], partitions: [], lag, maxLag: lag, timeLagSeconds: null, timeLagEstimated: false,
  consumedPerSec: null, status, statusReason: "", catchUpSeconds: null,
  topics: [{ topic: readsTopic, lag, maxLag: lag, timeLagSeconds: null, timeLagEstimated: false, consumedPerSec: null, status, statusReason: "" }],
});

const snapshot: ClusterSnapshot = {
  cluster: "test", clusterId: "c1", controller: 1, brokers: [], sampledAt: 0, sampleDurationMs: 1,
  topics: [topic("orders.created", 6, 4), topic("Payments", 3, null), topic("audit", 1, 0.5), topic("__consumer_offsets", 50, 1, true)],
  groups: [group("billing", "OK", "orders.created", 0), group("fraud", "WARNING", "orders.created", 120), group("etl", "STOPPED", "audit", 7)],
  totals: { topics: 4, partitions: 60, underReplicatedPartitions: 0, offlinePartitions: 0, messagesPerSec: 5.5 },
  producers: [], conformance: [], conformanceTotals: [],
};

const topics = (query: Record<string, string>) => listTopics(snapshot, topicListQuerySchema.parse(query));
const groups = (query: Record<string, string>) => listGroups(snapshot, groupListQuerySchema.parse(query));

describe("listTopics", () => {
  it("sorts by name, case-insensitively, with internal topics hidden", () => {
    expect(topics({}).rows.map((row) => row.name)).toEqual(["audit", "orders.created", "Payments"]);
    expect(topics({ internal: "true" }).total).toBe(4);
  });

  it("puts unknown rates last in either direction", () => {
    expect(topics({ sort: "messagesPerSec", dir: "desc" }).rows.map((row) => row.name)).toEqual(["orders.created", "audit", "Payments"]);
    expect(topics({ sort: "messagesPerSec", dir: "asc" }).rows.map((row) => row.name)).toEqual(["audit", "orders.created", "Payments"]);
  });

  it("filters a sorted order without re-sorting it, and pages it", () => {
    expect(topics({ sort: "partitions", dir: "desc", search: "a" }).rows.map((row) => row.name)).toEqual(["orders.created", "Payments", "audit"]);
    expect(topics({ sort: "partitions", dir: "desc", pageSize: "1", page: "2" })).toMatchObject({ total: 3, page: 2, rows: [{ name: "Payments" }] });
  });

  it("gives each topic the lag of its slowest reader", () => {
    const orders = topics({ search: "orders" }).rows[0]!;
    expect(orders).toMatchObject({ maxGroupLag: 120, slowestGroup: "fraud", groupCount: 2 });
  });

  it("names the first of the slowest readers on a tie, and nobody for a topic nobody reads", () => {
    const tied: ClusterSnapshot = {
      ...snapshot,
      groups: [group("zeta", "OK", "audit", 0), group("b-late", "WARNING", "audit", 9), group("a-later", "WARNING", "audit", 9)],
    };
    const rows = listTopics(tied, topicListQuerySchema.parse({})).rows;
    expect(rows.find((row) => row.name === "audit")).toMatchObject({ maxGroupLag: 9, slowestGroup: "b-late", groupCount: 3 });
    expect(rows.find((row) => row.name === "Payments")).toMatchObject({ maxGroupLag: null, slowestGroup: null, groupCount: 0 });
  });
});

describe("listGroups", () => {
  it("sorts worst status first by default and filters by status", () => {
    expect(groups({}).rows.map((row) => row.groupId)).toEqual(["etl", "fraud", "billing"]);
    expect(groups({ status: "WARNING" }).rows.map((row) => row.groupId)).toEqual(["fraud"]);
    expect(groups({ sort: "lag", dir: "asc", search: "l" }).rows.map((row) => row.groupId)).toEqual(["billing", "etl"]);
  });

  it("orders names as the default Intl.Collator does, sorted by name or tied on another column", () => {
    const names = ["Zeta", "alpha", "Émile", "emile", "b/c", "b%2F", "日本", "ärger", "Arger", "zeta", "z-1", "z_1", "10", "9"];
    const named: ClusterSnapshot = { ...snapshot, groups: names.map((name) => group(name, "OK", "audit", 0)) };
    const collated = [...names].sort(new Intl.Collator().compare);
    const order = (query: Record<string, string>) => listGroups(named, groupListQuerySchema.parse(query)).rows.map((row) => row.groupId);
    expect(order({ sort: "groupId", dir: "asc" })).toEqual(collated);
    expect(order({ sort: "groupId", dir: "desc" })).toEqual([...collated].reverse());
    expect(order({ sort: "lag", dir: "desc" })).toEqual(collated);
  });
});
