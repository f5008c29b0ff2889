import { describe, expect, it } from "vitest";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import type { RawGroup, RawSample } from "@/lib/kafka/raw-sample";
import { RecordMap } from "@/lib/collector/group-positions";
import { lagWindowPartitions } from "@/lib/collector/lag-windows";
import { PartitionOffsetMap } from "@/lib/kafka/partition-offset-map";
import { createGroupMemory } from "@/lib/collector/derive-group";
import { decodeDeriveState, encodeDeriveState } from "@/lib/collector/derive-state-codec";

const options = { cluster: "test", windowSize: 3, maxOffsetPoints: 50, retentionMsByTopic: new Map([["orders", 604_800_000]]) };

function sample(time: number, ends: number[], groups: RawGroup[], start = 0): RawSample {
  return {
    clusterId: "c1",
    controller: 1,
    brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }],
    topics: [
      {
        name: "orders",
        internal: false,
        partitions: ends.map((endOffset, partition) => ({
          partition,
          leader: 1,
          replicas: [1],
          isr: [1],
          offlineReplicas: [],
          startOffset: start,
          endOffset,
        })),
      },
    ],
    groups,
    recordTimestamps: new RecordMap(),
    timestampReads: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 },
    sampledAt: time,
    durationMs: 5,
  };
}

const group = (groupId: string, committed: number[], members = 0): RawGroup => ({
  groupId,
  state: members > 0 ? "Stable" : "Empty",
  protocolType: "consumer",
  members: Array.from({ length: members }, (_, index) => ({
    memberId: `m${index}`,
    clientId: "c",
    host: "127.0.0.1",
    assignments: [{ topic: "orders", partitions: committed.map((_, partition) => partition) }],
  })),
  committed: new Map([["orders", new Map(committed.map((offset, partition) => [partition, offset]))]]),
});

describe("deriveSnapshot", () => {
  it("computes lag per partition as end - max(committed, start)", () => {
    const state = createDeriveState();
    const snapshot = deriveSnapshot(state, sample(0, [100, 50], [group("g", [40, 50])], 45), options);
    const g = snapshot.groups[0]!;
    expect(g.partitions.map((partition) => partition.lag)).toEqual([55, 0]);
    expect(g.lag).toBe(55);
    expect(g.maxLag).toBe(55);
    expect(snapshot.topics[0]!.messagesPerSec).toBeNull();
    expect(snapshot.topics[0]!.retentionMs).toBe(604_800_000);
    expect(snapshot.totals).toMatchObject({ topics: 1, partitions: 2 });
  });

  it("derives throughput, consumption rate, time lag and statuses over a window", () => {
    const state = createDeriveState();
    // orders grows by 20 msg per 10 s on each of 2 partitions = 4 msg/s in total.
    // "slow" consumes 10 per partition per 10 s (lag grows), "stopped" never moves, "fast" keeps up.
    const rounds = [0, 1, 2, 3];
    let snapshot;
    for (const round of rounds) {
      const end = 100 + round * 20;
      snapshot = deriveSnapshot(
        state,
        sample(round * 10_000, [end, end], [
          group("slow", [100 + round * 10, 100 + round * 10], 1),
          group("stopped", [100, 100], 0),
          group("fast", [end, end], 1),
        ]),
        options,
      );
    }
    expect(snapshot!.topics[0]!.messagesPerSec).toBeCloseTo(4, 6);
    const byId = new Map(snapshot!.groups.map((g) => [g.groupId, g]));
    expect(byId.get("slow")!.lag).toBe(60);
    expect(byId.get("slow")!.consumedPerSec).toBeCloseTo(2, 6);
    expect(byId.get("slow")!.status).toBe("WARNING");
    // slow's committed 130 was the end offset at 15 s; the latest sample is at 30 s.
    expect(byId.get("slow")!.timeLagSeconds).toBeCloseTo(15, 6);
    // No record timestamps were read in these samples: every non-zero time lag is an estimate.
    expect(byId.get("slow")!.timeLagEstimated).toBe(true);
    expect(byId.get("slow")!.topics[0]!.timeLagEstimated).toBe(true);
    expect(byId.get("stopped")!.status).toBe("STOPPED");
    expect(byId.get("stopped")!.lag).toBe(120);
    expect(byId.get("stopped")!.statusReason).toBe("orders: no commit for over 20s and no members, lag 120");
    expect(byId.get("stopped")!.topics[0]).toMatchObject({ topic: "orders", status: "STOPPED", statusReason: "orders: no commit for over 20s and no members, lag 120" });
    expect(byId.get("fast")!.status).toBe("OK");
    expect(byId.get("fast")!.timeLagSeconds).toBe(0);
    expect(byId.get("fast")!.timeLagEstimated).toBe(false);
  });

  it("counts consumption the same from the decoder's PartitionOffsetMap as from a Map", () => {
    // Commits per round on partitions 0–2: 1 moves on, 0 goes back in round 2 (counts 0), 2 is first
    // committed in round 1 (nothing before it to count from).
    const commits = [[100, 40], [110, 45, 7], [90, 55, 9], [95, 65, 12]];
    const asMap = (offsets: number[]) => new Map(offsets.map((offset, partition) => [partition, offset]));
    const asPairs = (offsets: number[]) => {
      // Unordered, as Kafka may answer, then trimmed, as the decoder leaves it.
      const map = new PartitionOffsetMap(offsets.length);
      for (let partition = offsets.length - 1; partition >= 0; partition--) map.append(partition, offsets[partition]!);
      return map.trim();
    };
    const derive = (committed: (offsets: number[]) => ReadonlyMap<number, number>) => {
      const state = createDeriveState();
      return commits.map((offsets, round) =>
        deriveSnapshot(state, sample(round * 10_000, [200, 200, 200], [{ ...group("g", []), committed: new Map([["orders", committed(offsets)]]) }]), options).groups[0]!,
      );
    };
    const fromMap = derive(asMap);
    const fromPairs = derive(asPairs);
    // (110 − 100) + (45 − 40) over 10 s; then 0 (went back) + 10 + 2; then 5 + 10 + 3.
    expect(fromPairs.map((derived) => derived.consumedPerSec)).toEqual([null, 1.5, 1.2, 1.8]);
    expect(fromMap.map((derived) => derived.consumedPerSec)).toEqual([null, 1.5, 1.2, 1.8]);
    expect(fromPairs.map((derived) => JSON.stringify({ ...derived, partitions: derived.partitions }))).toEqual(
      fromMap.map((derived) => JSON.stringify({ ...derived, partitions: derived.partitions })),
    );
  });

  it("explains a group's status by the partition that has it when the topic as a whole does not", () => {
    const state = createDeriveState();
    let snapshot;
    // Partition 0 catches up while partition 1 falls behind: the topic's summed lag falls (OK), partition 1 warns.
    for (const [time, end1, committed0, committed1] of [[0, 100, 0, 90], [10_000, 110, 40, 95], [20_000, 120, 80, 100]] as const) {
      snapshot = deriveSnapshot(state, sample(time, [100, end1], [group("g", [committed0, committed1], 1)]), options);
    }
    const g = snapshot!.groups[0]!;
    expect([g.status, g.statusReason]).toEqual(["WARNING", "orders[1]: lag rose from 10 to 20 over 20s without falling"]);
    expect(g.topics[0]).toMatchObject({ status: "WARNING", statusReason: "orders[1]: lag rose from 10 to 20 over 20s without falling" });
  });

  it("estimates time to catch up when lag falls", () => {
    const state = createDeriveState();
    deriveSnapshot(state, sample(0, [100], [group("g", [0], 1)]), options);
    const snapshot = deriveSnapshot(state, sample(10_000, [110], [group("g", [50], 1)]), options);
    // produced 1/s, consumed 5/s: net 4/s against a lag of 60 -> 15 s
    expect(snapshot.groups[0]!.catchUpSeconds).toBeCloseTo(15, 6);
  });

  it("forgets topics and groups that vanish", () => {
    const state = createDeriveState();
    deriveSnapshot(state, sample(0, [10], [group("g", [5], 1)]), options);
    const empty: RawSample = { ...sample(10_000, [], []), topics: [] };
    const snapshot = deriveSnapshot(state, empty, options);
    expect(snapshot.topics).toEqual([]);
    expect(state.endOffsetTables.size).toBe(0);
    expect(state.groups.size).toBe(0);
  });

  it("keeps a group's memory across samples: a topic missing from metadata for a sample is remembered by its commits, a vanished group is dropped", () => {
    const topic = (name: string, end: number) => ({
      name, internal: false, partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: end }],
    });
    const commits = (groupId: string, offsets: Record<string, number>): RawGroup => ({
      groupId, state: "Empty", protocolType: "consumer", members: [],
      committed: new Map(Object.entries(offsets).map(([name, offset]) => [name, new Map([[0, offset]])])),
    });
    const at = (time: number, topics: ReturnType<typeof topic>[], groups: RawGroup[]): RawSample => ({ ...sample(time, [], groups), topics });
    const state = createDeriveState();
    deriveSnapshot(state, at(0, [topic("orders", 20), topic("payments", 20)], [commits("g", { orders: 5, payments: 7 }), commits("gone", { orders: 1 })]), options);
    const memory = state.groups.get("g")!;
    expect([...memory.windows.keys()].sort()).toEqual(["orders", "payments"]);
    // Offsets over the window are kept for the topics groups read, once per topic.
    expect([...state.offsetWindows.keys()].sort()).toEqual(["orders", "payments"]);

    // payments is missing from the metadata for a sample; "gone" no longer exists.
    deriveSnapshot(state, at(10_000, [topic("orders", 20)], [commits("g", { orders: 6, payments: 9 })]), options);
    expect([...state.groups.keys()]).toEqual(["g"]);
    expect(state.groups.get("g")).toBe(memory);
    expect([...memory.windows.keys()]).toEqual(["orders"]);
    expect([...memory.unlisted].map(([name, offsets]) => [name, [...offsets]])).toEqual([["payments", [[0, 9]]]]);
    expect([...state.offsetWindows.keys()]).toEqual(["orders"]);
    // Saved and restored meanwhile (a failover), the commit seen on the missing topic is kept; a group with none keeps none.
    const restored = decodeDeriveState(encodeDeriveState(state));
    expect([...restored.groups.get("g")!.unlisted].map(([name, offsets]) => [name, [...offsets]])).toEqual([["payments", [[0, 9]]]]);
    expect(createGroupMemory().unlisted.size).toBe(0);

    // Back: its consumption rate is counted from the commit seen while it was missing (12 − 9 over 10 s).
    const back = deriveSnapshot(state, at(20_000, [topic("orders", 20), topic("payments", 20)], [commits("g", { orders: 6, payments: 12 })]), options);
    const payments = back.groups[0]!.topics.find((summary) => summary.topic === "payments")!;
    expect(payments.consumedPerSec).toBeCloseTo(0.3, 10);
    expect(back.groups[0]!.topics.find((summary) => summary.topic === "orders")!.consumedPerSec).toBe(0);
    expect(memory.unlisted.size).toBe(0);
    expect([...memory.windows.keys()].sort()).toEqual(["orders", "payments"]);
    expect(payments.lag).toBe(8);

    // A topic nobody reads keeps no offsets; read again, its lags start from that sample's offsets.
    deriveSnapshot(state, at(30_000, [topic("orders", 20), topic("payments", 25)], [commits("g", { orders: 6 })]), options);
    expect([...state.offsetWindows.keys()]).toEqual(["orders"]);
    const again = deriveSnapshot(state, at(40_000, [topic("orders", 20), topic("payments", 30)], [commits("g", { orders: 6, payments: 13 })]), options);
    expect(again.groups[0]!.topics.find((summary) => summary.topic === "payments")).toMatchObject({ lag: 17, status: "INCOMPLETE" });
    expect([...state.offsetWindows.keys()].sort()).toEqual(["orders", "payments"]);
  });

  it("takes time lag from the next record's own timestamp when it was read, exactly", () => {
    const state = createDeriveState();
    // The table alone would say something else: the end offset sat at 100 since t=0.
    deriveSnapshot(state, sample(0, [100, 100], [group("g", [40, 100])]), options);
    const withTimestamp: RawSample = {
      ...sample(60_000, [100, 100], [group("g", [40, 100])]),
      recordTimestamps: RecordMap.of([["orders", 0, 40, 60_000 - 42_500]]),
    };
    const snapshot = deriveSnapshot(state, withTimestamp, options);
    const g = snapshot.groups[0]!;
    expect(g.partitions.map(({ partition, lag, timeLagSeconds, timeLagEstimated }) => ({ partition, lag, timeLagSeconds, timeLagEstimated }))).toEqual([
      { partition: 0, lag: 60, timeLagSeconds: 42.5, timeLagEstimated: false },
      { partition: 1, lag: 0, timeLagSeconds: 0, timeLagEstimated: false },
    ]);
    expect(g.topics[0]).toMatchObject({ timeLagSeconds: 42.5, timeLagEstimated: false });
    expect(g).toMatchObject({ timeLagSeconds: 42.5, timeLagEstimated: false });
  });

  it("falls back to the table's estimate, marked, when the record was not read; the group is estimated when the estimate is its max", () => {
    const state = createDeriveState();
    deriveSnapshot(state, sample(0, [100, 100], [group("g", [40, 50])]), options);
    const next: RawSample = {
      ...sample(30_000, [100, 100], [group("g", [40, 50])]),
      // Partition 1's record was read and is 10 s old; partition 0's is gone.
      recordTimestamps: RecordMap.of([["orders", 1, 50, 20_000]]),
    };
    const g = deriveSnapshot(state, next, options).groups[0]!;
    // Idle end offset over the table: the first point's age, 30 s, a lower bound.
    expect(g.partitions.map(({ timeLagSeconds, timeLagEstimated }) => ({ timeLagSeconds, timeLagEstimated }))).toEqual([
      { timeLagSeconds: 30, timeLagEstimated: true },
      { timeLagSeconds: 10, timeLagEstimated: false },
    ]);
    expect(g).toMatchObject({ timeLagSeconds: 30, timeLagEstimated: true });
    expect(g.topics[0]).toMatchObject({ timeLagSeconds: 30, timeLagEstimated: true });
  });

  it("lists a partition without a commit, with lag end − start, in every total", () => {
    const state = createDeriveState();
    // A 3-partition topic (start offset 5); commits on partitions 0 and 1 only, no members.
    const committedTwo: RawGroup = { ...group("g", []), committed: new Map([["orders", new Map([[0, 20], [1, 30]])]]) };
    const snapshot = deriveSnapshot(state, sample(0, [40, 50, 25], [committedTwo], 5), options);
    const g = snapshot.groups[0]!;
    expect(g.partitions.map(({ partition, committedOffset, startOffset, endOffset, lag }) => ({ partition, committedOffset, startOffset, endOffset, lag }))).toEqual([
      { partition: 0, committedOffset: 20, startOffset: 5, endOffset: 40, lag: 20 },
      { partition: 1, committedOffset: 30, startOffset: 5, endOffset: 50, lag: 20 },
      { partition: 2, committedOffset: null, startOffset: 5, endOffset: 25, lag: 20 },
    ]);
    expect(g.lag).toBe(60);
    expect(g.topics[0]).toMatchObject({ topic: "orders", lag: 60, maxLag: 20 });
    expect(lagWindowPartitions(state.groups.get("g")!.windows.get("orders")!)).toEqual([0, 1, 2]);
  });
  it("hands out a group's unchanged topic summaries again, and says exactly what a state without them says", () => {
    const state = createDeriveState();
    const rounds = [0, 1, 2, 3, 4, 5].map((round) =>
      sample(round * 10_000, [120, 110], [group("idle", [120, 110], 0), group("stopped", [100, 100], 0), group("moving", [100 + round, 100], 1)]),
    );
    const snapshots = rounds.map((raw) => deriveSnapshot(state, raw, options));
    const [before, after] = snapshots.slice(-2).map((snapshot) => snapshot.groups);
    // "idle" said the same in the last two samples: the same object. "stopped" fell further behind
    // in time, and "moving" committed one more.
    expect(after![0]!.topics[0]).toBe(before![0]!.topics[0]);
    expect(after![1]!.topics[0]).not.toBe(before![1]!.topics[0]);
    expect(after![1]!.topics[0]!.statusReason).toBe(before![1]!.topics[0]!.statusReason);
    expect(after![1]!.topics[0]!.timeLagSeconds).not.toBe(before![1]!.topics[0]!.timeLagSeconds);
    expect(after![2]!.topics[0]).not.toBe(before![2]!.topics[0]);
    expect(after![2]!.topics[0]!.lag).toBe(before![2]!.topics[0]!.lag - 1);
    // The same figures as a derivation whose memory never held summaries (a state restored from its saved form does not).
    const fresh = createDeriveState();
    const replayed = rounds.map((raw) => {
      for (const memory of fresh.groups.values()) memory.summaries = [];
      return deriveSnapshot(fresh, raw, options);
    });
    expect(JSON.parse(JSON.stringify(replayed))).toEqual(JSON.parse(JSON.stringify(snapshots)));
  });
});
