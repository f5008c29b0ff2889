import { describe, expect, it } from "vitest";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import type { RawGroup, RawSample } from "@/lib/kafka/raw-sample";

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
    expect(byId.get("stopped")!.status).toBe("STOPPED");
    expect(byId.get("stopped")!.lag).toBe(120);
    expect(byId.get("stopped")!.statusReason).toBe("orders: no commit for over 20s and no members, lag 120");
    expect(byId.get("stopped")!.topics[0]).toMatchObject({ topic: "orders", status: "STOPPED", statusReason: "orders: no commit for over 20s and no members, lag 120" });
    expect(byId.get("fast")!.status).toBe("OK");
    expect(byId.get("fast")!.timeLagSeconds).toBe(0);
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
    expect(state.partitionWindows.size).toBe(0);
  });
});
