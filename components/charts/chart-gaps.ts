/**
 * How many of a series' usual steps two points may lie apart and still be joined by its line. The
 * collector samples every interval, and a failover takes at most two; a longer silence is an outage
 * (no collector, or its database writes failing), and a line drawn straight across it would claim
 * figures nobody measured. The first point after the silence is still drawn: its rate is the
 * average over the silence, which is what was measured.
 */
export const GAP_STEPS = 3;

/**
 * `points` with a break inserted wherever two neighbours lie more than GAP_STEPS usual steps apart:
 * a point with every key in `keys` null, one usual step after the point before the silence, which a
 * line not connecting nulls leaves undrawn. The usual step is the median distance between
 * neighbours (the sampling interval for raw samples, the rollup's width for rollups), read from the
 * points themselves, as the chart is not told the collector's interval. Points must be in order.
 */
export function withGapBreaks<T extends { at: number }>(points: readonly T[], keys: readonly string[]): (T | GapBreak)[] {
  if (points.length < 3) return [...points];
  const steps: number[] = [];
  for (let index = 1; index < points.length; index++) steps.push(points[index]!.at - points[index - 1]!.at);
  steps.sort((a, b) => a - b);
  const step = steps[Math.floor(steps.length / 2)]!;
  if (!(step > 0)) return [...points];
  const drawn: (T | GapBreak)[] = [points[0]!];
  for (let index = 1; index < points.length; index++) {
    const before = points[index - 1]!;
    if (points[index]!.at - before.at > GAP_STEPS * step) {
      const gap: GapBreak = { at: before.at + step };
      for (const key of keys) gap[key] = null;
      drawn.push(gap);
    }
    drawn.push(points[index]!);
  }
  return drawn;
}

/** A point that breaks the lines: its time, and null for every series. */
export type GapBreak = { at: number; [key: string]: number | null };
