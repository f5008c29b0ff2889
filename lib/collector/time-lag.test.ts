import { describe, expect, it } from "vitest";
import { interpolateTimeLag, isWorseTimeLag, NO_TIME_LAG, OffsetTable, partitionTimeLag, type OffsetPoint, type TimeLag } from "@/lib/collector/time-lag";

const table = (points: OffsetPoint[]) => OffsetTable.from(points);

const points = [
  { offset: 100, time: 0 },
  { offset: 200, time: 10_000 },
  { offset: 400, time: 20_000 },
];

describe("interpolateTimeLag", () => {
  it("is zero when the consumer is caught up", () => {
    expect(interpolateTimeLag(table(points), 400, 20_000)).toBe(0);
    expect(interpolateTimeLag(table(points), 450, 20_000)).toBe(0);
  });

  it("is unknown with fewer than two points", () => {
    expect(interpolateTimeLag(table([]), 5, 1_000)).toBeNull();
    expect(interpolateTimeLag(table([{ offset: 10, time: 0 }]), 5, 1_000)).toBeNull();
  });

  it("is zero with one point when caught up", () => {
    expect(interpolateTimeLag(table([{ offset: 10, time: 0 }]), 10, 1_000)).toBe(0);
  });

  it("interpolates between bracketing points", () => {
    // offset 300 was the end offset halfway between 10 s and 20 s, i.e. at 15 s; now is 20 s.
    expect(interpolateTimeLag(table(points), 300, 20_000)).toBeCloseTo(5, 6);
    // exactly on a point
    expect(interpolateTimeLag(table(points), 200, 20_000)).toBeCloseTo(10, 6);
    expect(interpolateTimeLag(table(points), 100, 20_000)).toBeCloseTo(20, 6);
  });

  it("extrapolates before the first point along the first-to-last slope", () => {
    // slope 300 offsets / 20 s = 15/s; offset 40 is 60 offsets = 4 s before the first point.
    expect(interpolateTimeLag(table(points), 40, 20_000)).toBeCloseTo(24, 6);
  });

  it("uses the first point's age when the end offset never moved", () => {
    const flat = [
      { offset: 50, time: 0 },
      { offset: 50, time: 30_000 },
    ];
    expect(interpolateTimeLag(table(flat), 10, 30_000)).toBeCloseTo(30, 6);
  });

  it("uses the latest time a flat offset was seen", () => {
    const withPlateau = [
      { offset: 100, time: 0 },
      { offset: 100, time: 10_000 },
      { offset: 200, time: 20_000 },
    ];
    // offset 150: between (100 @10s) and (200 @20s) -> 15 s; now 20 s -> 5 s behind
    expect(interpolateTimeLag(table(withPlateau), 150, 20_000)).toBeCloseTo(5, 6);
  });
});

describe("OffsetTable.append", () => {
  it("keeps the table bounded, oldest first, across growth and wrap-around", () => {
    const bounded = new OffsetTable(6);
    for (let index = 0; index < 10; index++) bounded.append({ offset: index * 10, time: index });
    expect(bounded.size).toBe(6);
    expect(bounded.toArray()).toEqual([40, 50, 60, 70, 80, 90].map((offset) => ({ offset, time: offset / 10 })));
    // Interpolation reads the ring in order after it wrapped: offset 65 was reached at time 6.5.
    expect(interpolateTimeLag(bounded, 65, 9)).toBeCloseTo(0.0025, 9);
    // Extrapolation uses the oldest point still kept (40 @ 4) and the latest (90 @ 9): 10 offsets/time unit.
    expect(interpolateTimeLag(bounded, 30, 9)).toBeCloseTo(0.006, 9);
  });

  it("keeps only the first and latest time of an unchanged offset", () => {
    const idle = OffsetTable.from([{ offset: 5, time: 0 }], 10);
    idle.append({ offset: 5, time: 1 });
    idle.append({ offset: 5, time: 2 });
    idle.append({ offset: 5, time: 3 });
    expect(idle.toArray()).toEqual([
      { offset: 5, time: 0 },
      { offset: 5, time: 3 },
    ]);
  });

  it("starts over when offsets go backwards (topic recreated)", () => {
    const recreated = OffsetTable.from([{ offset: 40, time: 0 }, { offset: 50, time: 1 }], 10);
    recreated.append({ offset: 3, time: 2 });
    expect(recreated.toArray()).toEqual([{ offset: 3, time: 2 }]);
    recreated.append({ offset: 8, time: 3 });
    expect(recreated.toArray()).toEqual([{ offset: 3, time: 2 }, { offset: 8, time: 3 }]);
  });

  it("rejects a size below one point", () => {
    expect(() => new OffsetTable(0)).toThrow(RangeError);
  });
});

describe("partitionTimeLag", () => {
  type Input = { lag: number; nextOffset: number; recordTimestamp: number | undefined; table: OffsetTable | undefined; now: number };
  // A new object each time: the answer is written into the object given.
  const timeLagOf = (input: Input) =>
    partitionTimeLag({ seconds: -1, estimated: true }, input.lag, input.nextOffset, input.recordTimestamp, input.table, input.now);
  const idle = OffsetTable.from([
    { offset: 100, time: 0 },
    { offset: 100, time: 50_000 },
  ]);

  it("is 0 and exact when caught up, whatever else is known", () => {
    expect(timeLagOf({ lag: 0, nextOffset: 100, recordTimestamp: undefined, table: idle, now: 60_000 })).toEqual({ seconds: 0, estimated: false });
  });

  it("is the age of the next record when its timestamp is known: grows with the clock while production is paused", () => {
    const at = (now: number) => timeLagOf({ lag: 30, nextOffset: 70, recordTimestamp: 5_000, table: idle, now });
    expect(at(60_000)).toEqual({ seconds: 55, estimated: false });
    expect(at(70_000)).toEqual({ seconds: 65, estimated: false });
  });

  it("is never negative when the producer's clock is ahead", () => {
    expect(timeLagOf({ lag: 1, nextOffset: 99, recordTimestamp: 61_000, table: idle, now: 60_000 })).toEqual({ seconds: 0, estimated: false });
  });

  it("writes every field of the object it is given, which is also what it returns", () => {
    const into = { seconds: 12 as number | null, estimated: true };
    expect(partitionTimeLag(into, 0, 100, undefined, undefined, 60_000)).toBe(into);
    expect(into).toEqual({ seconds: 0, estimated: false });
    partitionTimeLag(into, 30, 70, undefined, undefined, 60_000);
    expect(into).toEqual({ seconds: null, estimated: false });
  });

  it("falls back to the table's estimate, marked estimated; unknown (null, not estimated) without a table", () => {
    expect(timeLagOf({ lag: 30, nextOffset: 70, recordTimestamp: undefined, table: idle, now: 60_000 })).toEqual({ seconds: 60, estimated: true });
    expect(timeLagOf({ lag: 30, nextOffset: 70, recordTimestamp: undefined, table: undefined, now: 60_000 })).toEqual({ seconds: null, estimated: false });
  });
});

describe("isWorseTimeLag", () => {
  // As the collector folds it over a topic's partitions and a group's topics.
  const worstTimeLag = (lags: TimeLag[]) => lags.reduce((worst, lag) => (isWorseTimeLag(lag, worst) ? lag : worst), NO_TIME_LAG);

  it("folded, takes the largest known value with its estimated flag; an exact value wins a tie", () => {
    expect(worstTimeLag([{ seconds: 5, estimated: false }, { seconds: 9, estimated: true }, { seconds: null, estimated: false }])).toEqual({ seconds: 9, estimated: true });
    expect(worstTimeLag([{ seconds: 9, estimated: true }, { seconds: 9, estimated: false }])).toEqual({ seconds: 9, estimated: false });
    expect(worstTimeLag([{ seconds: 12, estimated: false }, { seconds: 9, estimated: true }])).toEqual({ seconds: 12, estimated: false });
    expect(worstTimeLag([])).toEqual({ seconds: null, estimated: false });
  });
});
