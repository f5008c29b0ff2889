import { describe, expect, it } from "vitest";
import { decodeSnapshot, encodeSnapshot, inflateChunkSize } from "@/lib/collector/service/sample-result";
import { toLagColumns } from "@/lib/collector/lag-columns";
import type { ClusterSnapshot, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";

function snapshotOf(topicCount: number, groupCount: number): ClusterSnapshot {
  const topics = Array.from(
    { length: topicCount },
    (_, index) =>
      ({
        name: `t${index}\n"%/ü`,
        internal: false,
        partitions: Array.from({ length: index % 3 }, (_, partition) => ({
          partition: partition * 2, leader: partition === 1 ? -1 : 1, replicas: [1, 2, 3], isr: partition === 1 ? [] : [1, 3], offlineReplicas: partition === 1 ? [2] : [],
          startOffset: partition, endOffset: 9_007_199_254_740_991 - partition,
        })),
        partitionCount: index % 3,
        messagesPerSec: index,
      }) as unknown as TopicSnapshot,
  );
  const groups = Array.from(
    { length: groupCount },
    (_, index) =>
      ({
        groupId: `g${index}`,
        lag: index,
        partitions: [
          { topic: `t${index}\n"%/ü`, partition: 0, committedOffset: null, endOffset: 7, startOffset: 2, lag: 5, timeLagSeconds: null, timeLagEstimated: false, status: "INCOMPLETE" },
          { topic: "other", partition: 3, committedOffset: 9_007_199_254_740_000, endOffset: 9_007_199_254_740_991, startOffset: 0, lag: 991, timeLagSeconds: 12.5, timeLagEstimated: true, status: "STALLED" },
          { topic: `t${index}\n"%/ü`, partition: 1, committedOffset: 4, endOffset: 4, startOffset: 0, lag: 0, timeLagSeconds: 0, timeLagEstimated: false, status: "OK" },
        ],
      }) as unknown as GroupSnapshot,
  );
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

  it("reads a group's partitions from their columns only when asked, once", async () => {
    const snapshot = snapshotOf(2, 3);
    const decoded = await decodeSnapshot(encodeSnapshot(snapshot));
    const group = decoded.groups[1]!;
    expect(typeof Object.getOwnPropertyDescriptor(group, "partitions")!.get).toBe("function");
    const partitions = group.partitions;
    expect(partitions).toEqual(snapshot.groups[1]!.partitions);
    expect(group.partitions).toBe(partitions);
    expect(Object.getOwnPropertyDescriptor(group, "partitions")!.value).toBe(partitions);
    expect(JSON.parse(JSON.stringify(decoded.groups[2]))).toEqual(snapshot.groups[2]);
  });

  it("reads a topic's partitions from their columns only when asked, once; lists read partitionCount", async () => {
    const snapshot = snapshotOf(3, 0);
    const decoded = await decodeSnapshot(encodeSnapshot(snapshot));
    const topic = decoded.topics[2]!;
    expect(typeof Object.getOwnPropertyDescriptor(topic, "partitions")!.get).toBe("function");
    expect(topic.partitionCount).toBe(2);
    const partitions = topic.partitions;
    expect(partitions).toEqual(snapshot.topics[2]!.partitions);
    expect(topic.partitions).toBe(partitions);
    expect(JSON.parse(JSON.stringify(decoded.topics[1]))).toEqual(snapshot.topics[1]);
  });

  it("still reads a snapshot of format 2 (topics one line each), as a collector not yet upgraded publishes", async () => {
    const { gzipSync } = await import("node:zlib");
    const snapshot = snapshotOf(3, 2);
    const { topics, groups, ...head } = snapshot;
    const lines = [
      JSON.stringify({ ...head, format: 2, topicCount: 3, groupCount: 2 }),
      ...topics.map(({ partitionCount, ...topic }) => JSON.stringify(topic)),
      ...groups.flatMap(({ partitions, ...group }) => [JSON.stringify(group), JSON.stringify(toLagColumns(partitions))]),
    ];
    expect(await decodeSnapshot(gzipSync(lines.join("\n")))).toEqual(snapshot);
  });

  it("still reads a snapshot of the first format (one line per group), as a collector not yet upgraded publishes", async () => {
    const { gzipSync } = await import("node:zlib");
    const snapshot = snapshotOf(1, 2);
    const { topics, groups, ...head } = snapshot;
    const lines = [
      JSON.stringify({ ...head, topicCount: 1, groupCount: 2 }),
      ...topics.map(({ partitionCount, ...topic }) => JSON.stringify(topic)),
      ...groups.map((group) => JSON.stringify(group)),
    ];
    expect(await decodeSnapshot(gzipSync(lines.join("\n")))).toEqual(snapshot);
  });

  it("refuses a format it does not know", async () => {
    const { gzipSync } = await import("node:zlib");
    await expect(decodeSnapshot(gzipSync(JSON.stringify({ cluster: "local", format: 4, topicCount: 0, groupCount: 0 })))).rejects.toThrow(/format 4/);
  });

  it("inflates into one buffer of the size the gzip trailer states; a trailer that lies fails as before", async () => {
    const { gzipSync } = await import("node:zlib");
    const text = "x".repeat(100_000);
    const encoded = gzipSync(text);
    expect(inflateChunkSize(encoded)).toBe(100_001);
    expect(inflateChunkSize(encoded.subarray(0, 10))).toBeUndefined();
    const snapshot = snapshotOf(40, 30);
    const lying = Buffer.from(encodeSnapshot(snapshot));
    lying.writeUInt32LE(7, lying.length - 4);
    expect(inflateChunkSize(lying)).toBe(64);
    await expect(decodeSnapshot(lying)).rejects.toThrow(/incorrect length check/);
  });

  it("refuses a snapshot whose rows do not match its header", async () => {
    const { gzipSync } = await import("node:zlib");
    const truncated = gzipSync(JSON.stringify({ cluster: "local", topicCount: 2, groupCount: 0 }) + "\n" + JSON.stringify({ name: "a" }));
    await expect(decodeSnapshot(truncated)).rejects.toThrow(/1 rows, expected 2/);
  });
});
