import { describe, expect, it } from "vitest";
import { GAP_STEPS, withGapBreaks } from "@/components/charts/chart-gaps";

const at = (seconds: number[]) => seconds.map((second, index) => ({ at: second * 1000, rate: index + 1 }));

describe("withGapBreaks", () => {
  it("breaks the line one step after the last sample before a silence longer than GAP_STEPS steps", () => {
    // Samples every 10 s, then nothing from 30 s to 100 s (a collector outage), then every 10 s again.
    const points = at([0, 10, 20, 30, 100, 110, 120]);
    expect(withGapBreaks(points, ["rate", "lag"])).toEqual([
      ...points.slice(0, 4),
      { at: 40_000, rate: null, lag: null },
      ...points.slice(4),
    ]);
  });

  it("joins points up to GAP_STEPS steps apart: a failover's missed samples are not an outage", () => {
    const points = at([0, 10, 20, 20 + GAP_STEPS * 10, 40 + GAP_STEPS * 10, 50 + GAP_STEPS * 10]);
    expect(withGapBreaks(points, ["rate"])).toEqual(points);
  });

  it("reads the step from the points, so rollups of a minute break only after three empty minutes", () => {
    const minutes = at([0, 60, 120, 180, 240, 300, 360, 600, 660]);
    expect(withGapBreaks(minutes, ["rate"]).map((point) => point.rate)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 8, 9]);
    expect(withGapBreaks(at([0, 60, 120, 300, 360]), ["rate"])).toHaveLength(5);
  });

  it("leaves short and degenerate series as they are", () => {
    expect(withGapBreaks(at([0, 100]), ["rate"])).toEqual(at([0, 100]));
    expect(withGapBreaks(at([5, 5, 5, 50]), ["rate"])).toEqual(at([5, 5, 5, 50]));
    expect(withGapBreaks([], ["rate"])).toEqual([]);
  });
});
