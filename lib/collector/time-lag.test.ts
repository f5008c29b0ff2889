import { describe, expect, it } from "vitest";
import { appendOffsetPoint, interpolateTimeLag } from "@/lib/collector/time-lag";

const points = [
  { offset: 100, time: 0 },
  { offset: 200, time: 10_000 },
  { offset: 400, time: 20_000 },
];

describe("interpolateTimeLag", () => {
  it("is zero when the consumer is caught up", () => {
    expect(interpolateTimeLag(points, 400, 20_000)).toBe(0);
    expect(interpolateTimeLag(points, 450, 20_000)).toBe(0);
  });

  it("is unknown with fewer than two points", () => {
    expect(interpolateTimeLag([], 5, 1_000)).toBeNull();
    expect(interpolateTimeLag([{ offset: 10, time: 0 }], 5, 1_000)).toBeNull();
  });

  it("is zero with one point when caught up", () => {
    expect(interpolateTimeLag([{ offset: 10, time: 0 }], 10, 1_000)).toBe(0);
  });

  it("interpolates between bracketing points", () => {
    // offset 300 was the end offset halfway between 10 s and 20 s, i.e. at 15 s; now is 20 s.
    expect(interpolateTimeLag(points, 300, 20_000)).toBeCloseTo(5, 6);
    // exactly on a point
    expect(interpolateTimeLag(points, 200, 20_000)).toBeCloseTo(10, 6);
    expect(interpolateTimeLag(points, 100, 20_000)).toBeCloseTo(20, 6);
  });

  it("extrapolates before the first point along the first-to-last slope", () => {
    // slope 300 offsets / 20 s = 15/s; offset 40 is 60 offsets = 4 s before the first point.
    expect(interpolateTimeLag(points, 40, 20_000)).toBeCloseTo(24, 6);
  });

  it("uses the first point's age when the end offset never moved", () => {
    const flat = [
      { offset: 50, time: 0 },
      { offset: 50, time: 30_000 },
    ];
    expect(interpolateTimeLag(flat, 10, 30_000)).toBeCloseTo(30, 6);
  });

  it("uses the latest time a flat offset was seen", () => {
    const withPlateau = [
      { offset: 100, time: 0 },
      { offset: 100, time: 10_000 },
      { offset: 200, time: 20_000 },
    ];
    // offset 150: between (100 @10s) and (200 @20s) -> 15 s; now 20 s -> 5 s behind
    expect(interpolateTimeLag(withPlateau, 150, 20_000)).toBeCloseTo(5, 6);
  });
});

describe("appendOffsetPoint", () => {
  it("keeps the table bounded", () => {
    let table: { offset: number; time: number }[] = [];
    for (let index = 0; index < 10; index++) table = appendOffsetPoint(table, { offset: index * 10, time: index }, 4);
    expect(table).toEqual([
      { offset: 60, time: 6 },
      { offset: 70, time: 7 },
      { offset: 80, time: 8 },
      { offset: 90, time: 9 },
    ]);
  });

  it("keeps only the first and latest time of an unchanged offset", () => {
    let table = [{ offset: 5, time: 0 }];
    table = appendOffsetPoint(table, { offset: 5, time: 1 }, 10);
    table = appendOffsetPoint(table, { offset: 5, time: 2 }, 10);
    table = appendOffsetPoint(table, { offset: 5, time: 3 }, 10);
    expect(table).toEqual([
      { offset: 5, time: 0 },
      { offset: 5, time: 3 },
    ]);
  });

  it("starts over when offsets go backwards (topic recreated)", () => {
    expect(appendOffsetPoint([{ offset: 50, time: 0 }], { offset: 3, time: 1 }, 10)).toEqual([{ offset: 3, time: 1 }]);
  });
});
