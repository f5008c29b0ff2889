import { describe, expect, it } from "vitest";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import { SampleLagRows, fromLagColumns, lagColumnsOf, lagRangeOf, rangeToLagColumns, rangeToRows, toLagColumns } from "@/lib/collector/lag-columns";
import { gunzipSync } from "node:zlib";
import { decodeSnapshot, encodeSnapshot } from "@/lib/collector/service/sample-result";
import type { GroupPartitionLag } from "@/lib/collector/types";
import type { RawSample } from "@/lib/kafka/raw-sample";
import { RecordMap } from "@/lib/collector/group-positions";

const rows: GroupPartitionLag[] = [
  { topic: "orders", partition: 0, committedOffset: 5, endOffset: 9, startOffset: 0, lag: 4, timeLagSeconds: 1.5, timeLagEstimated: true, status: "WARNING" },
  { topic: "orders", partition: 1, committedOffset: null, endOffset: 3, startOffset: 1, lag: 2, timeLagSeconds: null, timeLagEstimated: false, status: "INCOMPLETE" },
  { topic: "pay/ments%", partition: 0, committedOffset: 7, endOffset: 7, startOffset: 0, lag: 0, timeLagSeconds: 0, timeLagEstimated: false, status: "OK" },
];

function sample(): RawSample {
  const partitions = [0, 1, 2].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: 10 * (partition + 1) }));
  return {
    clusterId: "c1",
    controller: 1,
    brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }],
    topics: [{ name: "orders", internal: false, partitions }],
    groups: [{ groupId: "billing", state: "Empty", protocolType: "consumer", members: [], committed: new Map([["orders", new Map([[0, 4], [2, 30]])]]) }],
    recordTimestamps: new RecordMap(),
    timestampReads: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 },
    sampledAt: 1_000_000,
    durationMs: 1,
  };
}

describe("lag columns", () => {
  it("turn rows into columns and back unchanged", () => {
    const columns = toLagColumns(rows);
    expect(columns.names).toEqual(["orders", "pay/ments%"]);
    expect(columns.topic).toEqual([0, 0, 1]);
    expect(fromLagColumns(columns)).toEqual(rows);
  });

  it("a derived group builds its rows only when they are read, once, and encodes without building them", async () => {
    const snapshot = deriveSnapshot(createDeriveState(), sample(), { cluster: "c", windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
    const group = snapshot.groups[0]!;
    const encoded = encodeSnapshot(snapshot);
    expect(Object.getOwnPropertyDescriptor(group, "partitions")?.get).toBeTypeOf("function");
    expect(lagColumnsOf(group).lag).toEqual([6, 20, 0]);

    const partitions = group.partitions;
    expect(partitions.map((row) => [row.partition, row.committedOffset, row.lag])).toEqual([[0, 4, 6], [1, null, 20], [2, 30, 0]]);
    expect(group.partitions).toBe(partitions);
    expect(Object.getOwnPropertyDescriptor(group, "partitions")?.get).toBeUndefined();
    // Rows edited after they were built are what is encoded from then on.
    partitions[0]!.lag = 99;
    expect(lagColumnsOf(group).lag).toEqual([99, 20, 0]);

    const decoded = await decodeSnapshot(encoded);
    expect(decoded.groups[0]!.partitions.map((row) => row.lag)).toEqual([6, 20, 0]);
    expect({ ...decoded.groups[0]!, partitions: null }).toEqual({ ...group, partitions: null });
  });

  // The encoder trusts rows deriveGroup wrote from the partitions the snapshot lists (SampleLagRows.derivedFrom)
  // instead of comparing each: the bytes must be those of the row-by-row check, and a topic whose
  // partitions are no longer that array is checked again.
  it("encodes a derived sample's rows as the row-by-row check does, and checks them again when a topic's partitions changed", () => {
    const snapshot = deriveSnapshot(createDeriveState(), sample(), { cluster: "c", windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
    const rows = lagRangeOf(snapshot.groups[0]!)!.rows;
    expect(rows.derivedFrom?.get("orders")?.partitions).toBe(snapshot.topics[0]!.partitions);
    const text = () => gunzipSync(encodeSnapshot(snapshot)).toString("utf8");
    const lagLine = (encoded: string) => encoded.split("\n").at(-1);
    const trusted = text();
    expect(JSON.parse(lagLine(trusted)!)).toEqual({ committed: [4, null, 30], timeLag: [null, null, 0], estimated: [0, 0, 0], status: expect.any(Array) });
    rows.derivedFrom = new Map();
    expect(text()).toBe(trusted);

    // The same topic listed with a partition fewer: the rows no longer follow it, and are written in full.
    rows.derivedFrom = new Map([["orders", snapshot.topics[0]!]]);
    snapshot.topics[0] = { ...snapshot.topics[0]!, partitions: snapshot.topics[0]!.partitions.slice(0, 2) };
    const full = JSON.parse(lagLine(text())!);
    expect(full.names).toEqual(["orders"]);
    expect(full.partition).toEqual([0, 1, 2]);
    rows.derivedFrom = null;
    expect(JSON.parse(lagLine(text())!)).toEqual(full);
  });

  it("a sample's rows grow past the room they were given and read back exactly, null commits and time lags included", () => {
    const sampleRows = new SampleLagRows(1);
    const written: GroupPartitionLag[] = [];
    for (let row = 0; row < 1_000; row++) {
      sampleRows.reserve(1);
      const topic = row % 3 === 0 ? "pay/ments%" : "orders";
      const values: GroupPartitionLag = {
        topic, partition: row % 7, committedOffset: row % 5 === 0 ? null : 2 ** 40 + row, endOffset: 2 ** 41, startOffset: row,
        lag: row * 3, timeLagSeconds: row % 4 === 0 ? null : row / 8, timeLagEstimated: row % 2 === 0, status: "STALLED",
      };
      const at = sampleRows.length++;
      sampleRows.topic[at] = sampleRows.nameOf(topic);
      sampleRows.partition[at] = values.partition;
      sampleRows.committed[at] = values.committedOffset ?? Number.NaN;
      sampleRows.end[at] = values.endOffset;
      sampleRows.start[at] = values.startOffset;
      sampleRows.lag[at] = values.lag;
      sampleRows.timeLag[at] = values.timeLagSeconds ?? Number.NaN;
      sampleRows.estimated[at] = values.timeLagEstimated ? 1 : 0;
      sampleRows.status[at] = 2;
      written.push(values);
    }
    expect(sampleRows.names).toEqual(["pay/ments%", "orders"]);
    expect(rangeToRows({ rows: sampleRows, from: 0, to: 1_000 })).toEqual(written);
    expect(rangeToRows({ rows: sampleRows, from: 10, to: 13 })).toEqual(written.slice(10, 13));
    expect(rangeToLagColumns({ rows: sampleRows, from: 10, to: 13 })).toEqual(toLagColumns(written.slice(10, 13)));
  });

  it("groups derived after a smaller sample (their rows' room outgrown) read and encode exactly", async () => {
    deriveSnapshot(createDeriveState(), sample(), { cluster: "c", windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
    const big = sample();
    big.groups = Array.from({ length: 200 }, (_, index) => ({
      groupId: `g${index}`, state: "Empty", protocolType: "consumer", members: [],
      committed: new Map([["orders", new Map(index % 2 === 0 ? [[0, index % 10], [1, 20]] : [[2, 5]])]]),
    }));
    const snapshot = deriveSnapshot(createDeriveState(), big, { cluster: "c", windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
    const decoded = await decodeSnapshot(encodeSnapshot(snapshot));
    for (const [index, group] of snapshot.groups.entries()) {
      const committed = index % 2 === 0 ? [index % 10, 20, null] : [null, null, 5];
      const expected = [10, 20, 30].map((end, partition) => end - (committed[partition] ?? 0));
      expect(lagColumnsOf(group).lag).toEqual(expected);
      expect(decoded.groups[index]!.partitions.map((row) => [row.committedOffset, row.lag])).toEqual(committed.map((offset, partition) => [offset, expected[partition]]));
      expect(group.partitions.map((row) => [row.committedOffset, row.lag])).toEqual(committed.map((offset, partition) => [offset, expected[partition]]));
    }
  });
});
