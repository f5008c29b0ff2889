/** One sample of a partition's end offset. `time` in ms since epoch. */
export type OffsetPoint = { offset: number; time: number };

/**
 * Seconds the consumer is behind: how long ago the partition's end offset was where the consumer's
 * committed offset is now, measured at `now` (the latest sample's time).
 *
 * `points` are the partition's sampled end offsets, oldest first (offsets never decrease).
 * - caught up (committed >= latest end offset): 0
 * - fewer than two points: null (unknown)
 * - committed inside the sampled range: linear interpolation between the two bracketing points
 * - committed older than the first point: extrapolation along the first-to-last slope; when the
 *   end offset did not move at all over the table, the first point's age (a lower bound)
 */
export function interpolateTimeLag(points: OffsetPoint[], committedOffset: number, now: number): number | null {
  const last = points[points.length - 1];
  if (last && committedOffset >= last.offset) return 0;
  if (points.length < 2 || !last) return null;
  const first = points[0]!;

  if (committedOffset >= first.offset) {
    // The last point at or below the committed offset, and the first above it.
    let lower = 0;
    for (let index = 0; index < points.length; index++) {
      if (points[index]!.offset <= committedOffset) lower = index;
      else break;
    }
    const from = points[lower]!;
    const to = points[lower + 1]!;
    const fraction = (committedOffset - from.offset) / (to.offset - from.offset);
    const reachedAt = from.time + fraction * (to.time - from.time);
    return Math.max(0, (now - reachedAt) / 1000);
  }

  const rate = (last.offset - first.offset) / (last.time - first.time);
  if (!(rate > 0)) return Math.max(0, (now - first.time) / 1000);
  const reachedAt = first.time - (first.offset - committedOffset) / rate;
  return Math.max(0, (now - reachedAt) / 1000);
}

/**
 * Appends a point to a bounded table, in place (the collector does this for every partition on
 * every sample; copying would be thousands of arrays per sample). A point whose offset equals the
 * previous two replaces the last one, so an idle partition does not evict history: only the first
 * and the latest time at a given offset are kept. Returns the table to use from now on.
 */
export function appendOffsetPoint(points: OffsetPoint[], point: OffsetPoint, maxPoints: number): OffsetPoint[] {
  const last = points[points.length - 1];
  const beforeLast = points[points.length - 2];
  if (last && point.offset < last.offset) return [point]; // topic recreated or truncated: start over
  if (last && beforeLast && last.offset === point.offset && beforeLast.offset === point.offset) {
    points[points.length - 1] = point;
  } else {
    points.push(point);
  }
  if (points.length > maxPoints) points.splice(0, points.length - maxPoints);
  return points;
}
