import { describe, expect, it } from "vitest";
import { compileContracts, errorPointer } from "@/lib/collector/conformance-check";
import { SampleWindows, summarizeInterval, type IntervalRecord } from "@/lib/collector/sample-windows";

const schema = {
  type: "object",
  required: ["orderId", "amount"],
  properties: { orderId: { type: "string" }, amount: { type: "number", minimum: 0 }, email: { type: "string", format: "email" } },
};
const contracts = compileContracts([{ topic: "orders", version: 3, valueSchema: schema }], new Map());
let offset = 0;
const record = (value: unknown, producer: string | null, topic = "orders"): IntervalRecord => ({
  topic,
  partition: 0,
  offset: offset++,
  timestamp: 1_000 + offset,
  value: value === null ? null : Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
  producer,
});

describe("summarizeInterval", () => {
  it("counts records per producer and checks them against the contract, with the violation's JSON pointer", () => {
    offset = 0;
    const interval = summarizeInterval(
      60_000,
      [
        record({ orderId: "a", amount: 1 }, "checkout"),
        record({ orderId: "b" }, "checkout"),
        record({ orderId: "c", amount: -5 }, null),
        record("not json", "legacy"),
        record({ orderId: "d", amount: 1, email: "nope" }, "checkout"),
        record({ anything: true }, "x", "clicks"),
      ],
      new Map([...contracts].map(([topic, contract]) => [topic, contract])),
    );
    expect(interval.producers).toEqual([
      { topic: "orders", value: "checkout", at: 60_000, records: 3 },
      { topic: "orders", value: null, at: 60_000, records: 1 },
      { topic: "orders", value: "legacy", at: 60_000, records: 1 },
      { topic: "clicks", value: "x", at: 60_000, records: 1 },
    ]);
    expect(interval.conformance).toEqual([
      { topic: "orders", value: "checkout", at: 60_000, checked: 3, violations: 2, contractVersion: 3 },
      { topic: "orders", value: null, at: 60_000, checked: 1, violations: 1, contractVersion: 3 },
      { topic: "orders", value: "legacy", at: 60_000, checked: 1, violations: 1, contractVersion: 3 },
    ]);
    expect(interval.violations.map((violation) => [violation.offset, violation.producer, violation.pointer, violation.message])).toEqual([
      [1, "checkout", "/amount", "must have required property 'amount'"],
      [2, null, "/amount", "must be >= 0"],
      [3, "legacy", "", expect.stringMatching(/^value is not JSON: /)],
      [4, "checkout", "/email", 'must match format "email"'],
    ]);
    expect(interval.violations[0]!.value).toEqual({ kind: "json", text: '{\n  "orderId": "b"\n}', truncated: false });
    expect(interval.violations[2]!.value).toEqual({ kind: "text", text: "not json", truncated: false });
  });
});

describe("errorPointer", () => {
  it("points at the missing or unexpected property, escaping ~ and /", () => {
    expect(errorPointer({ keyword: "required", instancePath: "/items/0", params: { missingProperty: "a/b~c" } })).toBe("/items/0/a~1b~0c");
    expect(errorPointer({ keyword: "additionalProperties", instancePath: "", params: { additionalProperty: "extra" } })).toBe("/extra");
    expect(errorPointer({ keyword: "type", instancePath: "/amount", params: { type: "number" } })).toBe("/amount");
  });
});

describe("compileContracts", () => {
  it("compiles once per contract version and keeps an unusable schema unchecked", () => {
    const first = compileContracts([{ topic: "orders", version: 1, valueSchema: schema }, { topic: "bad", version: 1, valueSchema: { type: "nonsense" } }], new Map());
    const again = compileContracts([{ topic: "orders", version: 1, valueSchema: schema }], first);
    expect(again.get("orders")!.validate).toBe(first.get("orders")!.validate);
    expect(first.get("bad")!.validate).toBeNull();
    const next = compileContracts([{ topic: "orders", version: 2, valueSchema: schema }], first);
    expect(next.get("orders")!.validate).not.toBe(first.get("orders")!.validate);
  });
});

describe("SampleWindows", () => {
  const interval = (at: number, producers: [string | null, number][], checked: [string | null, number, number][] = []) => ({
    at,
    producers: producers.map(([value, records]) => ({ topic: "orders", value, at, records })),
    conformance: checked.map(([value, count, violations]) => ({ topic: "orders", value, at, checked: count, violations, contractVersion: 2 })),
    violations: [],
  });

  it("sums producer counts over the window with lastSeenAt, and drops intervals that left it", () => {
    const windows = new SampleWindows(15 * 60_000);
    windows.add(interval(0, [["checkout", 4], [null, 1]]));
    windows.add(interval(60_000, [["checkout", 2], ["legacy", 3]]));
    windows.prune(60_000);
    expect(windows.producers()).toEqual([
      {
        topic: "orders",
        sampledRecords: 10,
        byValue: [
          { value: "checkout", records: 6, lastSeenAt: 60_000 },
          { value: "legacy", records: 3, lastSeenAt: 60_000 },
          { value: null, records: 1, lastSeenAt: 0 },
        ],
      },
    ]);
    windows.prune(15 * 60_000); // the interval at 0 is now 15 minutes old: out
    expect(windows.producers()[0]!.byValue.map((entry) => [entry.value, entry.records])).toEqual([["legacy", 3], ["checkout", 2]]);
    windows.prune(16 * 60_000 + 1);
    expect(windows.producers()).toEqual([]);
  });

  it("sums conformance per producer; totals since start count added intervals, not restored ones", () => {
    const windows = new SampleWindows(15 * 60_000);
    windows.restore(interval(0, [], [["checkout", 10, 1]]));
    windows.add(interval(10_000, [], [["checkout", 5, 0], [null, 2, 2]]));
    expect(windows.conformance(new Map([["orders", 2], ["quiet", 1]]))).toEqual([
      { topic: "orders", contractVersion: 2, checked: 17, violations: 3, byProducer: [{ value: "checkout", checked: 15, violations: 1 }, { value: null, checked: 2, violations: 2 }], latestViolations: [] },
      { topic: "quiet", contractVersion: 1, checked: 0, violations: 0, byProducer: [], latestViolations: [] },
    ]);
    expect(windows.conformanceTotals()).toEqual([{ topic: "orders", checked: 7, violations: 2 }]);
  });

  it("keeps the newest 20 violations per topic, newest first", () => {
    const windows = new SampleWindows(60_000);
    const violation = (sampledAt: number, offset: number) => ({
      topic: "orders", contractVersion: 1, sampledAt, partition: 0, offset, at: sampledAt, producer: null, pointer: "", message: "m", value: { kind: "null" as const },
    });
    windows.add({ at: 0, producers: [], conformance: [], violations: Array.from({ length: 15 }, (_, index) => violation(0, index)) });
    windows.add({ at: 1, producers: [], conformance: [], violations: Array.from({ length: 10 }, (_, index) => violation(1, 100 + index)) });
    const latest = windows.conformance(new Map([["orders", 1]]))[0]!.latestViolations;
    expect(latest.map((entry) => entry.offset)).toEqual([...Array.from({ length: 10 }, (_, index) => 109 - index), 14, 13, 12, 11, 10, 9, 8, 7, 6, 5]);
    expect(latest[0]).toEqual({ partition: 0, offset: 109, at: 1, producer: null, pointer: "", message: "m", value: { kind: "null" } });
  });
});

describe("SampleWindows compaction", () => {
  it("merges rows of one producer within a minute without changing the sums, lastSeenAt or the caller's rows", () => {
    const windows = new SampleWindows(15 * 60_000);
    const rows = [0, 10_000, 20_000, 50_000, 60_000].map((at) => ({ topic: "t", value: "a", at, records: 2 }));
    for (const row of rows) windows.add({ at: row.at, producers: [row], conformance: [], violations: [] });
    expect(rows.map((row) => row.records)).toEqual([2, 2, 2, 2, 2]);
    expect(windows.producers()).toEqual([{ topic: "t", sampledRecords: 10, byValue: [{ value: "a", records: 10, lastSeenAt: 60_000 }] }]);
    // The first minute's merged row (latest at 50 s) leaves the window when that last interval does.
    windows.prune(15 * 60_000 + 49_999);
    expect(windows.producers()[0]!.sampledRecords).toBe(10);
    windows.prune(15 * 60_000 + 50_000);
    expect(windows.producers()[0]!.sampledRecords).toBe(2);
  });

  it("keeps a violation's value as an 8 KiB preview", () => {
    const big = JSON.stringify({ pad: "x".repeat(20_000) });
    const contracts = compileContracts([{ topic: "t", version: 1, valueSchema: { type: "array" } }], new Map());
    const interval = summarizeInterval(0, [{ topic: "t", partition: 0, offset: 0, timestamp: 0, value: Buffer.from(big), producer: null }], new Map(contracts));
    expect(interval.violations[0]!.value).toEqual({ kind: "text", text: big.slice(0, 8 * 1024), truncated: true });
    expect(interval.violations[0]!.pointer).toBe("");
  });
});
