import type { LagWindowView } from "@/lib/collector/group-status";

/**
 * The status windows of one group on one topic in a single Float64Array: for each partition the
 * group is measured on, and for the topic's summed series, the committed offsets (NaN: no commit)
 * and lags of its last `size` samples. As arrays of {time, committedOffset, lag} objects, 180,000
 * partition windows of 10 were about 1.8 million objects the GC walked on every major collection;
 * here a group-topic of 6 partitions is one ~1.2 KB array, and times are kept once per cluster
 * (every window is appended at every sample, or dropped).
 *
 * Layout: [size, P, partition ids × P, counts × (P+1), committed × (P+1)·size, lags × (P+1)·size].
 * Series s (0…P−1: the partitions in ascending order, P: the topic's sum) keeps sample j's values
 * at slot j mod size; its count says how many of the latest samples it has (at most size).
 */
export type TopicLagWindows = Float64Array;

const HEADER = 2;

const sizeOf = (windows: TopicLagWindows) => windows[0]!;
export const partitionCountOf = (windows: TopicLagWindows) => windows[1]!;
const countsAt = (windows: TopicLagWindows) => HEADER + partitionCountOf(windows);
const committedBase = (windows: TopicLagWindows, series: number) =>
  HEADER + 2 * partitionCountOf(windows) + 1 + series * sizeOf(windows);
const lagBase = (windows: TopicLagWindows, series: number) =>
  committedBase(windows, series) + (partitionCountOf(windows) + 1) * sizeOf(windows);

export function createTopicLagWindows(size: number, partitions: ArrayLike<number>): TopicLagWindows {
  const count = partitions.length;
  const windows = new Float64Array(HEADER + 2 * count + 1 + 2 * (count + 1) * size);
  windows[0] = size;
  windows[1] = count;
  for (let index = 0; index < count; index++) windows[HEADER + index] = partitions[index]!;
  return windows;
}

/** The partitions the windows are kept for, in order. */
export function lagWindowPartitions(windows: TopicLagWindows): number[] {
  return Array.from(windows.subarray(HEADER, HEADER + partitionCountOf(windows)));
}

/** The series of `partition`, or −1 when the windows have none for it. */
export function seriesOfPartition(windows: TopicLagWindows, partition: number): number {
  const count = partitionCountOf(windows);
  // Partition ids are usually 0…P−1, so the id is the index.
  if (partition < count && windows[HEADER + partition] === partition) return partition;
  for (let index = 0; index < count; index++) if (windows[HEADER + index] === partition) return index;
  return -1;
}

/** True when `windows` has this size and exactly these partitions (the usual case: reuse as is). */
export function lagWindowsFit(windows: TopicLagWindows, size: number, partitions: ArrayLike<number>): boolean {
  if (sizeOf(windows) !== size || partitionCountOf(windows) !== partitions.length) return false;
  for (let index = 0; index < partitions.length; index++) if (windows[HEADER + index] !== partitions[index]) return false;
  return true;
}

/**
 * New windows of `size` for `partitions`, carrying over what `from` held for the partitions both
 * have and for the topic's sum (at most `size` of their latest samples). `newest` is the index of
 * the last sample recorded in `from`.
 */
export function reshapeLagWindows(from: TopicLagWindows, size: number, partitions: ArrayLike<number>, newest: number): TopicLagWindows {
  const next = createTopicLagWindows(size, partitions);
  const oldCount = partitionCountOf(from);
  const oldSeries = new Map<number, number>();
  for (let index = 0; index < oldCount; index++) oldSeries.set(from[HEADER + index]!, index);
  const copy = (fromSeries: number, toSeries: number) => {
    const kept = Math.min(seriesLength(from, fromSeries), size);
    for (let back = 0; back < kept; back++) {
      const sample = newest - back;
      next[committedBase(next, toSeries) + mod(sample, size)] = from[committedBase(from, fromSeries) + mod(sample, sizeOf(from))]!;
      next[lagBase(next, toSeries) + mod(sample, size)] = from[lagBase(from, fromSeries) + mod(sample, sizeOf(from))]!;
    }
    next[countsAt(next) + toSeries] = kept;
  };
  for (let index = 0; index < partitions.length; index++) {
    const series = oldSeries.get(partitions[index]!);
    if (series !== undefined) copy(series, index);
  }
  copy(oldCount, partitions.length);
  return next;
}

/** Samples the series holds (its latest ones). */
export const seriesLength = (windows: TopicLagWindows, series: number) => windows[countsAt(windows) + series]!;

/** The series' value of the sample before `sample`, undefined when it has none. */
export function previousCommitted(windows: TopicLagWindows, series: number, sample: number): number | null | undefined {
  if (seriesLength(windows, series) === 0) return undefined;
  const value = windows[committedBase(windows, series) + mod(sample - 1, sizeOf(windows))]!;
  return Number.isNaN(value) ? null : value;
}

/** Records sample `sample`'s observation (the one after the series' latest). */
export function recordObservation(windows: TopicLagWindows, series: number, sample: number, committedOffset: number | null, lag: number): void {
  const slot = mod(sample, sizeOf(windows));
  windows[committedBase(windows, series) + slot] = committedOffset ?? Number.NaN;
  windows[lagBase(windows, series) + slot] = lag;
  const counts = countsAt(windows);
  windows[counts + series] = Math.min(windows[counts + series]! + 1, sizeOf(windows));
}

const mod = (value: number, size: number) => ((value % size) + size) % size;

/**
 * Reads one series as a window (oldest first): re-pointed for each series, so the collector
 * evaluates 180,000 windows with one object. Pointing copies the series' few values into scratch
 * arrays in time order, so the status rules, which read each value several times, index them
 * directly instead of wrapping around the ring each time. `times` are the cluster's latest sample
 * times, oldest first, the last being sample `newest`'s.
 */
export class LagWindowCursor implements LagWindowView {
  length = 0;
  private committed = new Float64Array(16);
  private lags = new Float64Array(16);
  private times: readonly number[] = [];

  point(windows: TopicLagWindows, series: number, newest: number, times: readonly number[]): this {
    const size = sizeOf(windows);
    const length = seriesLength(windows, series);
    if (this.committed.length < length) {
      this.committed = new Float64Array(length);
      this.lags = new Float64Array(length);
    }
    const committedStart = committedBase(windows, series);
    const lagStart = lagBase(windows, series);
    let slot = mod(newest - length + 1, size);
    for (let index = 0; index < length; index++) {
      this.committed[index] = windows[committedStart + slot]!;
      this.lags[index] = windows[lagStart + slot]!;
      slot = slot + 1 === size ? 0 : slot + 1;
    }
    this.length = length;
    this.times = times;
    return this;
  }

  timeAt(index: number): number {
    return this.times[this.times.length - this.length + index]!;
  }

  committedAt(index: number): number | null {
    const value = this.committed[index]!;
    return Number.isNaN(value) ? null : value;
  }

  lagAt(index: number): number {
    return this.lags[index]!;
  }
}
