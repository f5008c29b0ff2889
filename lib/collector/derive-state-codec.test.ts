import { describe, expect, it } from "vitest";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { createDeriveState, deriveSnapshot, type DeriveState } from "@/lib/collector/derive-snapshot";
import { DERIVE_STATE_FORMAT, decodeDeriveState, encodeDeriveState } from "@/lib/collector/derive-state-codec";
import { RecordMap } from "@/lib/collector/group-positions";
import type { RawGroup, RawSample } from "@/lib/kafka/raw-sample";

const options = { cluster: "test", windowSize: 4, maxOffsetPoints: 6, retentionMsByTopic: new Map<string, number>() };

const group = (groupId: string, committed: Record<string, (number | null)[]>, members = 0): RawGroup => ({
  groupId,
  state: members > 0 ? "Stable" : "Empty",
  protocolType: "consumer",
  members: Array.from({ length: members }, (_, index) => ({ memberId: `m${index}`, clientId: "c", host: "h", assignments: [{ topic: "orders", partitions: [0, 1] }] })),
  committed: new Map(
    Object.entries(committed).map(([topic, offsets]) => [
      topic,
      new Map(offsets.flatMap((offset, partition) => (offset === null ? [] : [[partition, offset] as [number, number]]))),
    ]),
  ),
});

/**
 * Round r of a small cluster with every kind of group: one keeping up, one falling behind, one
 * stopped, one that rewinds at round 6, one with a member but no commit on a partition, a group id
 * with hostile characters; orders grows, a second topic appears at round 3, and a record's
 * timestamp is known on some rounds.
 */
function round(r: number): RawSample {
  const time = 1_700_000_000_000 + r * 10_000 + (r % 3) * 7;
  const ends = [100 + 20 * r, 90 + 13 * r];
  const topics = [{ name: "orders", ends }, ...(r >= 3 ? [{ name: "payments/ü%", ends: [5 * r] }] : [])];
  const groups = [
    group("fast", { orders: ends }, 1),
    group("slow", { orders: [100 + 9 * r, 90 + 5 * r] }, 1),
    group("stopped", { orders: [100, 90] }),
    group("rewinds", { orders: [r === 6 ? 10 : 100 + 15 * r, ends[1]!] }),
    group("half", { orders: [50 + r, null] }, 1),
    group("grp\u0000\n\"☃", { orders: [100, 90], ...(r >= 3 ? { "payments/ü%": [r] } : {}) }),
  ];
  return {
    clusterId: "c1", controller: 1, brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }],
    topics: topics.map((topic) => ({
      name: topic.name, internal: false,
      partitions: topic.ends.map((endOffset, partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: r, endOffset })),
    })),
    groups,
    recordTimestamps: r % 2 === 0 ? RecordMap.of([["orders", 0, 100 + 9 * r, time - 12_345]]) : new RecordMap(),
    timestampReads: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 },
    sampledAt: time,
    durationMs: 3,
  };
}

/** The state with offset tables as their points (their ring's internal layout is not part of it). */
/** The state as saved: a group's last summaries are only reused by the next sample, not saved. */
function comparable(state: DeriveState) {
  return {
    ...state,
    groups: new Map([...state.groups].map(([groupId, { summaries: _, ...memory }]) => [groupId, memory])),
    offsetWindows: [...state.offsetWindows].map(([topic, offsets]) => [topic, Array.from(offsets)]),
    endOffsetTables: [...state.endOffsetTables].map(([topic, tables]) => [topic, Array.from(tables, (table) => table && { maxPoints: table.maxPoints, points: table.toArray() })]),
  };
}

describe("derive state codec", () => {
  it("round-trips a state exactly", () => {
    const state = createDeriveState();
    for (let r = 0; r < 9; r++) deriveSnapshot(state, round(r), options);
    const bytes = encodeDeriveState(state);
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from([0x54, 0x52, 0x44, 0x53, DERIVE_STATE_FORMAT]));
    const decoded = decodeDeriveState(bytes);
    expect(comparable(decoded)).toEqual(comparable(state));
    expect(decoded.groups.get("grp\u0000\n\"☃")!.windows.get("payments/ü%")).toEqual(state.groups.get("grp\u0000\n\"☃")!.windows.get("payments/ü%"));
    expect(encodeDeriveState(decoded)).toEqual(bytes);
  });

  it("writes a window series whose values are all one value once, and still reads formats 1 and 2 (a lag series per partition in every group)", () => {
    const uninterrupted = createDeriveState();
    const expected = Array.from({ length: 14 }, (_, r) => deriveSnapshot(uninterrupted, round(r), options));
    const state = createDeriveState();
    // Rounds 0…8 include groups that stand still over the whole window and groups that move.
    for (let r = 0; r < 9; r++) deriveSnapshot(state, round(r), options);
    const current = encodeDeriveState(state);
    const first = encodeDeriveState(state, 1);
    const second = encodeDeriveState(state, 2);
    expect([first[4], second[4], current[4]]).toEqual([1, 2, 3]);
    // A cluster standing still for a full window: every series is one value.
    const still = createDeriveState();
    for (let r = 0; r < 5; r++) deriveSnapshot(still, { ...round(0), sampledAt: round(0).sampledAt + r * 10_000 }, options);
    const body = (bytes: Buffer) => inflateRawSync(bytes.subarray(5)).length;
    expect(body(encodeDeriveState(still, 2))).toBeLessThan(body(encodeDeriveState(still, 1)));
    expect(comparable(decodeDeriveState(encodeDeriveState(still)))).toEqual(comparable(still));
    expect(comparable(decodeDeriveState(current))).toEqual(comparable(state));
    // The older formats: the groups' windows as they are now (commits and summed lags), and each
    // topic's offsets put back together so that every lag read against them is the one saved.
    for (const legacy of [first, second]) {
      const decoded = decodeDeriveState(legacy);
      expect(comparable(decoded).groups).toEqual(comparable(state).groups);
      expect(encodeDeriveState(decoded, legacy[4] as 1 | 2)).toEqual(legacy);
      for (let r = 9; r < 14; r++) expect(deriveSnapshot(decoded, round(r), options)).toEqual(expected[r]);
    }
  });

  it("writes a series as one value only when every value is that value, NaN (no commit) included", () => {
    // One partition, windows of 4: committed offsets of the partition and of the sum, then the sum's lags.
    const series = [
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      [Number.NaN, Number.NaN, 5, Number.NaN],
      [7, 7, 7, 7],
    ];
    const windows = new Float64Array([4, 1, 0, 4, 4, ...series.flat()]);
    const state = createDeriveState();
    state.samples = 4;
    state.groups.set("g", { windows: new Map([["t", windows]]), unlisted: new Map(), summaries: [] });
    const decoded = decodeDeriveState(encodeDeriveState(state)).groups.get("g")!.windows.get("t")!;
    expect(Array.from(decoded)).toEqual(Array.from(windows));
    // Two series of one value (a flag and the value each), one of four (a flag and four values).
    const body = inflateRawSync(encodeDeriveState(state).subarray(5));
    const header = body.length - (2 * 2 + 5);
    state.groups.get("g")!.windows.set("t", new Float64Array([4, 1, 0, 4, 4, ...series[0]!, ...series[0]!, ...series[2]!]));
    expect(inflateRawSync(encodeDeriveState(state).subarray(5)).length).toBe(header + 3 * 2);
  });

  it("encodes the same bytes however large its last state was (the buffer is sized from it)", () => {
    const large = createDeriveState();
    for (let r = 0; r < 9; r++) deriveSnapshot(large, round(r), options);
    const small = createDeriveState();
    deriveSnapshot(small, round(0), options);
    const smallFirst = encodeDeriveState(small);
    encodeDeriveState(large);
    expect(encodeDeriveState(small)).toEqual(smallFirst);
    expect(comparable(decodeDeriveState(encodeDeriveState(large)))).toEqual(comparable(large));
  });

  it("round-trips an empty state", () => {
    expect(comparable(decodeDeriveState(encodeDeriveState(createDeriveState())))).toEqual(comparable(createDeriveState()));
  });

  it("continues after a restore exactly as an uninterrupted run, whichever sample it was saved after", () => {
    const uninterrupted = createDeriveState();
    const expected = Array.from({ length: 14 }, (_, r) => deriveSnapshot(uninterrupted, round(r), options));
    // Statuses of every kind and rates must be there for the comparison to mean something.
    const statuses = new Set(expected.flatMap((snapshot) => snapshot.groups.map((g) => g.status)));
    expect([...statuses].sort()).toEqual(["INCOMPLETE", "OK", "REWOUND", "STALLED", "STOPPED", "WARNING"]);
    expect(expected[13]!.groups.find((g) => g.groupId === "slow")!.consumedPerSec).toBeCloseTo(1.4, 2);

    for (let k = 0; k < 13; k++) {
      const before = createDeriveState();
      for (let r = 0; r <= k; r++) deriveSnapshot(before, round(r), options);
      const restored = decodeDeriveState(encodeDeriveState(before));
      for (let r = k + 1; r < 14; r++) expect(deriveSnapshot(restored, round(r), options)).toEqual(expected[r]);
    }
  });

  it("continues with another window size, as a live state would", () => {
    const live = createDeriveState();
    const saved = createDeriveState();
    for (let r = 0; r < 6; r++) {
      deriveSnapshot(live, round(r), options);
      deriveSnapshot(saved, round(r), options);
    }
    const restored = decodeDeriveState(encodeDeriveState(saved));
    const wider = { ...options, windowSize: 6 };
    for (let r = 6; r < 10; r++) expect(deriveSnapshot(restored, round(r), wider)).toEqual(deriveSnapshot(live, round(r), wider));
  });

  it("refuses blobs of another format or that are damaged, with a clear error", () => {
    const state = createDeriveState();
    for (let r = 0; r < 3; r++) deriveSnapshot(state, round(r), options);
    const bytes = encodeDeriveState(state);
    const otherVersion = Buffer.from(bytes);
    otherVersion[4] = DERIVE_STATE_FORMAT + 1;
    expect(() => decodeDeriveState(otherVersion)).toThrow(`saved collector state has format ${DERIVE_STATE_FORMAT + 1}; this version reads formats 1 to ${DERIVE_STATE_FORMAT}`);
    otherVersion[4] = 0;
    expect(() => decodeDeriveState(otherVersion)).toThrow(`saved collector state has format 0; this version reads formats 1 to ${DERIVE_STATE_FORMAT}`);
    expect(() => decodeDeriveState(Buffer.from("{}"))).toThrow("not a saved collector state");
    expect(() => decodeDeriveState(bytes.subarray(0, bytes.length - 10))).toThrow();
    // A well-formed deflate stream whose content ends early.
    const truncatedBody = Buffer.concat([bytes.subarray(0, 5), deflateRawSync(Buffer.from([3, 1]))]);
    expect(() => decodeDeriveState(truncatedBody)).toThrow("unexpected end of data");
  });

  it("refuses values it cannot write exactly", () => {
    const state = createDeriveState();
    state.sampleTimes = [1.5];
    expect(() => encodeDeriveState(state)).toThrow("not a safe integer: 1.5");
  });
});
