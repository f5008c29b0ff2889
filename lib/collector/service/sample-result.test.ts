import { describe, expect, it } from "vitest";
import { decodeSnapshot, encodeSnapshot } from "@/lib/collector/service/sample-result";
import type { ClusterSnapshot, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";

function snapshotOf(topicCount: number, groupCount: number): ClusterSnapshot {
  const topics = Array.from({ length: topicCount }, (_, index) => ({ name: `t${index}\n"%/ü`, internal: false, partitions: [], messagesPerSec: index }) as unknown as TopicSnapshot);
  const groups = Array.from({ length: groupCount }, (_, index) => ({ groupId: `g${index}`, lag: index, partitions: [{ partition: 0, lag: index }] }) as unknown as GroupSnapshot);
  return {
    cluster: "local", clusterId: "id", controller: 1, brokers: [], topics, groups, sampledAt: 1_800_000_000_000, sampleDurationMs: 5,
    totals: { topics: topicCount, partitions: 0, underReplicatedPartitions: 0, offlinePartitions: 0, messagesPerSec: null },
    producers: [], conformance: [], conformanceTotals: [],
  };
}

describe("snapshot encoding", () => {
  it("round-trips exactly, names with newlines and quotes included", async () => {
    for (const [topics, groups] of [[0, 0], [1, 0], [0, 3], [700, 1_300]] as const) {
      const snapshot = snapshotOf(topics, groups);
      expect(await decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
    }
  });

  it("refuses a snapshot whose rows do not match its header", async () => {
    const { gzipSync } = await import("node:zlib");
    const truncated = gzipSync(JSON.stringify({ cluster: "local", topicCount: 2, groupCount: 0 }) + "\n" + JSON.stringify({ name: "a" }));
    await expect(decodeSnapshot(truncated)).rejects.toThrow(/1 rows, expected 2/);
  });
});
