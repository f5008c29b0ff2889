import { describe, expect, it } from "vitest";
import { decodeSnapshot, encodeSnapshot, inflateChunkSize } from "@/lib/collector/service/sample-result";
import { groupsRead, loadGroups } from "@/lib/collector/service/lazy-groups";
import { toLagColumns } from "@/lib/collector/lag-columns";
import { toPartitionColumns } from "@/lib/collector/partition-columns";
import type { ClusterSnapshot, GroupPartitionLag, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";

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
  // Even groups read a topic of the snapshot as the collector derives them (rows follow the topic's
  // partitions: the compact lag columns); odd ones carry hand-made rows (the full columns).
  const groups = Array.from({ length: groupCount }, (_, index): GroupSnapshot => {
    const topic = topics[index % Math.max(1, topicCount)];
    const derived = index % 2 === 0 && topic !== undefined;
    const partitions: GroupPartitionLag[] = derived
      ? topic.partitions.map((partition, row) => {
          const committedOffset = row === 0 ? null : partition.startOffset + row;
          return {
            topic: topic.name, partition: partition.partition, committedOffset, endOffset: partition.endOffset, startOffset: partition.startOffset,
            lag: Math.max(0, partition.endOffset - (committedOffset ?? partition.startOffset)), timeLagSeconds: row === 0 ? null : row * 1.25,
            timeLagEstimated: row === 1, status: row === 0 ? "INCOMPLETE" : "STALLED",
          };
        })
      : [
          { topic: `t${index}\n"%/ü`, partition: 0, committedOffset: null, endOffset: 7, startOffset: 2, lag: 5, timeLagSeconds: null, timeLagEstimated: false, status: "INCOMPLETE" },
          { topic: "other", partition: 3, committedOffset: 9_007_199_254_740_000, endOffset: 9_007_199_254_740_991, startOffset: 0, lag: 991, timeLagSeconds: 12.5, timeLagEstimated: true, status: "STALLED" },
          { topic: `t${index}\n"%/ü`, partition: 1, committedOffset: 4, endOffset: 4, startOffset: 0, lag: 0, timeLagSeconds: 0, timeLagEstimated: false, status: "OK" },
        ];
    const names = [...new Set(partitions.map((row) => row.topic))];
    return {
      groupId: `g${index}%/ü\n"`,
      state: index % 3 === 0 ? "Stable" : "Empty",
      protocolType: index % 3 === 0 ? "consumer" : "",
      members: index % 3 === 0 ? [{ memberId: `m${index}`, clientId: "c", host: "/10.0.0.1", assignments: names.map((name) => ({ topic: name, partitions: [0, 2] })) }] : [],
      topics: names.map((name, position) => ({
        topic: name, lag: index + position, maxLag: index, timeLagSeconds: position === 0 ? null : 3.5, timeLagEstimated: position === 1, consumedPerSec: position === 0 ? null : 0.25,
        status: position === 0 ? "INCOMPLETE" : "STALLED",
        statusReason: position === 0 ? `${name}: 3 of 10 samples in the window` : `${name}[${index}]: lag grew from 1 to 9`,
      })),
      partitions,
      lag: index,
      maxLag: index,
      timeLagSeconds: index % 2 === 0 ? null : 12.5,
      timeLagEstimated: index % 4 === 1,
      consumedPerSec: index % 2 === 0 ? null : index / 4,
      status: index % 2 === 0 ? "INCOMPLETE" : "STALLED",
      statusReason: names.length === 0 ? "no committed offsets" : index % 2 === 0 ? `${names.at(-1)}: 3 of 10 samples in the window` : `${names[0]}[${index}]: lag grew from 1 to 9`,
      catchUpSeconds: index % 5 === 0 ? 30 : null,
    };
  });
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

  it("writes a derived group's lag rows without what its topics' partitions say, and builds them back from those", async () => {
    const { gunzipSync } = await import("node:zlib");
    const snapshot = snapshotOf(6, 600);
    const encoded = encodeSnapshot(snapshot);
    const lines = gunzipSync(encoded).toString("utf8").split("\n");
    // Header, two lines per topic, then per 250 groups a summaries line and a line per group.
    expect(lines).toHaveLength(1 + 12 + 3 + 600);
    const lagLine = (group: number) => JSON.parse(lines[1 + 12 + Math.floor(group / 250) + 1 + group]!) as Record<string, unknown>;
    expect(Object.keys(lagLine(2)).sort()).toEqual(["committed", "estimated", "status", "timeLag"]);
    expect(lagLine(3)).toHaveProperty("names");
    expect(JSON.parse(lines[1 + 12]!).groupId).toHaveLength(250);
    const decoded = await decodeSnapshot(encoded);
    expect(decoded.groups[302]!.partitions).toEqual(snapshot.groups[302]!.partitions);
    expect(decoded.groups[302]!.partitions.length).toBeGreaterThan(0);
    expect(decoded).toEqual(snapshot);
  });

  it("parses the groups when first read, or ahead of that by loadGroups, which does not count as a read", async () => {
    const snapshot = snapshotOf(4, 600);
    const decoded = await decodeSnapshot(encodeSnapshot(snapshot));
    expect(groupsRead(decoded)).toBe(false);
    await loadGroups(decoded);
    expect(groupsRead(decoded)).toBe(false);
    const groups = decoded.groups;
    expect(groupsRead(decoded)).toBe(true);
    expect(decoded.groups).toBe(groups);
    expect(groups).toEqual(snapshot.groups);
    const lazy = await decodeSnapshot(encodeSnapshot(snapshot));
    expect(lazy.groups).toEqual(snapshot.groups);
    expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(snapshot)));
    // A snapshot whose groups were never lazy (role `all` keeps what it derived) counts as read.
    expect(groupsRead(snapshot)).toBe(true);
  });

  it("refuses group lines that do not match the header's counts, at once or when the groups are read", async () => {
    const { gunzipSync, gzipSync } = await import("node:zlib");
    const lines = gunzipSync(encodeSnapshot(snapshotOf(2, 300))).toString("utf8").split("\n");
    const header = JSON.parse(lines[0]!);
    expect(header.groupLines).toEqual([250, 50]);
    const withHeader = (changes: object, body = lines.slice(1)) => gzipSync([JSON.stringify({ ...header, ...changes }), ...body].join("\n"));
    await expect(decodeSnapshot(withHeader({}, lines.slice(1, -1)))).rejects.toThrow(/301 group lines for 300 groups, expected 302 lines/);
    await expect(decodeSnapshot(withHeader({ groupCount: 299 }))).rejects.toThrow(/for 300 groups, expected 302 lines for 299/);
    const shifted = await decodeSnapshot(withHeader({ groupLines: [249, 51] }));
    expect(() => shifted.groups).toThrow(/holds 250 groups, its header says 249/);
  });

  it("still reads a snapshot of format 3 (a summary line and a columns line per group)", async () => {
    const { gzipSync } = await import("node:zlib");
    const snapshot = snapshotOf(3, 4);
    const { topics, groups, ...head } = snapshot;
    const lines = [
      JSON.stringify({ ...head, format: 3, topicCount: 3, groupCount: 4 }),
      ...topics.flatMap(({ partitions, ...topic }) => [JSON.stringify(topic), JSON.stringify(toPartitionColumns(partitions))]),
      ...groups.flatMap(({ partitions, ...group }) => [JSON.stringify(group), JSON.stringify(toLagColumns(partitions))]),
    ];
    expect(await decodeSnapshot(gzipSync(lines.join("\n")))).toEqual(snapshot);
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
    await expect(decodeSnapshot(gzipSync(JSON.stringify({ cluster: "local", format: 5, topicCount: 0, groupCount: 0 })))).rejects.toThrow(/format 5/);
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
