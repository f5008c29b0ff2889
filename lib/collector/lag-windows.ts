import type { LagWindowView } from "@/lib/collector/group-status";
import { nextOffsetOf } from "@/lib/collector/group-positions";

/**
 * The status windows of one group on one topic in a single Float64Array: for each partition the
 * group is measured on, and for the topic's summed series, the committed offsets (NaN: no commit)
 * of its last `size` samples, and the summed series' lags. A partition's lag is not kept here: it
 * is what the topic's offset windows (below) say of that sample's end and start offsets against
 * the commit, computed when the window is read. Kept per group, a partition's lags were 40% of a
 * 10,000-group cluster's windows (~15 MB of 37 MB), the same end offsets again in every group that
 * reads the topic. As arrays of {time, committedOffset, lag} objects, 180,000 partition windows of
 * 10 were about 1.8 million objects the GC walked on every major collection; here a group-topic of
 * 6 partitions is one ~760-byte array, and times are kept once per cluster (every window is
 * appended at every sample, or dropped).
 *
 * Layout: [size, P, partition ids × P, counts × (P+1), committed × (P+1)·size, summed lags × size].
 * Series s (0…P−1: the partitions in ascending order, P: the topic's sum) keeps sample j's values
 * at slot j mod size; its count says how many of the latest samples it has (at most size).
 */
export type TopicLagWindows = Float64Array;

/**
 * One topic's sampled end and start offsets over the same samples, shared by every group that
 * reads it. Layout: [size, C, then per partition id 0…C−1: end offsets × size, start offsets × size]
 * (NaN: not sampled); sample j at slot j mod size, as in the groups' windows.
 */
export type TopicOffsetWindows = Float64Array;

const HEADER = 2;

const sizeOf = (windows: Float64Array) => windows[0]!;
export const partitionCountOf = (windows: TopicLagWindows) => windows[1]!;
const countsAt = (windows: TopicLagWindows) => HEADER + partitionCountOf(windows);
const committedBase = (windows: TopicLagWindows, series: number) =>
  HEADER + 2 * partitionCountOf(windows) + 1 + series * sizeOf(windows);
/** Where the summed series' lags start. */
const sumLagBase = (windows: TopicLagWindows) => committedBase(windows, partitionCountOf(windows) + 1);

export function createTopicLagWindows(size: number, partitions: ArrayLike<number>): TopicLagWindows {
  const count = partitions.length;
  const windows = new Float64Array(HEADER + 2 * count + 1 + (count + 2) * size);
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
    }
    next[countsAt(next) + toSeries] = kept;
    return kept;
  };
  for (let index = 0; index < partitions.length; index++) {
    const series = oldSeries.get(partitions[index]!);
    if (series !== undefined) copy(series, index);
  }
  const kept = copy(oldCount, partitions.length);
  for (let back = 0; back < kept; back++) {
    const sample = newest - back;
    next[sumLagBase(next) + mod(sample, size)] = from[sumLagBase(from) + mod(sample, sizeOf(from))]!;
  }
  return next;
}

/** Offset windows of `size` for partition ids 0…capacity−1, nothing sampled yet. */
export function createOffsetWindows(size: number, capacity: number): TopicOffsetWindows {
  const windows = new Float64Array(HEADER + 2 * capacity * size).fill(Number.NaN);
  windows[0] = size;
  windows[1] = capacity;
  return windows;
}

export const offsetWindowsCapacity = (windows: TopicOffsetWindows) => windows[1]!;

/**
 * `windows` when it has this size and room for partition ids below `capacity`, else new windows
 * that carry over its latest samples (`newest`: the index of the last one recorded) up to `size`.
 */
export function fitOffsetWindows(windows: TopicOffsetWindows | undefined, size: number, capacity: number, newest: number): TopicOffsetWindows {
  if (windows && sizeOf(windows) === size && offsetWindowsCapacity(windows) >= capacity) return windows;
  const next = createOffsetWindows(size, Math.max(capacity, windows ? offsetWindowsCapacity(windows) : 0));
  if (!windows) return next;
  const oldSize = sizeOf(windows);
  const kept = Math.min(oldSize, size, newest + 1);
  for (let partition = 0; partition < offsetWindowsCapacity(windows); partition++) {
    for (let back = 0; back < kept; back++) {
      const sample = newest - back;
      next[endAt(next, partition, sample)] = windows[endAt(windows, partition, sample)]!;
      next[startAt(next, partition, sample)] = windows[startAt(windows, partition, sample)]!;
    }
  }
  return next;
}

/** Where a partition's end offsets start; its start offsets follow them. */
const endBase = (windows: TopicOffsetWindows, partition: number) => HEADER + 2 * partition * sizeOf(windows);
const endAt = (windows: TopicOffsetWindows, partition: number, sample: number) => endBase(windows, partition) + mod(sample, sizeOf(windows));
const startAt = (windows: TopicOffsetWindows, partition: number, sample: number) => endAt(windows, partition, sample) + sizeOf(windows);

/** Records a partition's end and start offsets of sample `sample` (the windows must have room for it). */
export function recordOffsets(windows: TopicOffsetWindows, partition: number, sample: number, endOffset: number, startOffset: number): void {
  windows[endAt(windows, partition, sample)] = endOffset;
  windows[startAt(windows, partition, sample)] = startOffset;
}

/** A partition's end and start offsets of sample `sample`, NaN where not sampled. */
export function sampledOffsets(windows: TopicOffsetWindows, partition: number, sample: number): [end: number, start: number] {
  if (partition >= offsetWindowsCapacity(windows)) return [Number.NaN, Number.NaN];
  return [windows[endAt(windows, partition, sample)]!, windows[startAt(windows, partition, sample)]!];
}

/**
 * A partition's lag at one sample, as it was when recorded: from the next offset the group reads
 * (its commit, or the start offset when it has none or retention passed it) to the end offset.
 */
export const lagAgainst = (committed: number, endOffset: number, startOffset: number) =>
  Math.max(0, endOffset - nextOffsetOf(committed !== committed ? null : committed, startOffset));

/**
 * The one lag of a partition's series when nothing in it moved: the same commit and the same end
 * and start offsets at every sample it holds (at least one); else −1. Such a window (a group that
 * stopped or stalled, or one caught up on a topic nobody writes to) gets its status from the lag and
 * its length alone (flatWindowStatus, group-status.ts), without copying it into a cursor and
 * scanning it four times: most windows of a large cluster's idle groups stand still.
 */
export function flatSeriesLag(windows: TopicLagWindows, series: number, newest: number, offsets: TopicOffsetWindows): number {
  const length = seriesLength(windows, series);
  if (length === 0) return -1;
  const size = sizeOf(windows);
  const committedStart = committedBase(windows, series);
  const endStart = endBase(offsets, windows[HEADER + series]!);
  const startStart = endStart + size;
  let slot = mod(newest, size);
  const committed = windows[committedStart + slot]!;
  const end = offsets[endStart + slot]!;
  const start = offsets[startStart + slot]!;
  for (let index = 1; index < length; index++) {
    slot = slot === 0 ? size - 1 : slot - 1;
    // NaN (no commit, an offset not sampled) equals nothing, so such a series is never flat past one sample.
    if (windows[committedStart + slot] !== committed || offsets[endStart + slot] !== end || offsets[startStart + slot] !== start) return -1;
  }
  const lag = lagAgainst(committed, end, start);
  return lag === lag ? lag : -1;
}

/** flatSeriesLag for the topic's summed series: its one lag when its summed commits and lags were the same at every sample it holds, else −1. */
export function flatSumLag(windows: TopicLagWindows, newest: number): number {
  const series = partitionCountOf(windows);
  const length = seriesLength(windows, series);
  if (length === 0) return -1;
  const size = sizeOf(windows);
  const committedStart = committedBase(windows, series);
  const lagStart = sumLagBase(windows);
  let slot = mod(newest, size);
  const committed = windows[committedStart + slot]!;
  const lag = windows[lagStart + slot]!;
  for (let index = 1; index < length; index++) {
    slot = slot === 0 ? size - 1 : slot - 1;
    if (windows[committedStart + slot] !== committed || windows[lagStart + slot] !== lag) return -1;
  }
  return lag >= 0 ? lag : -1;
}

/** Samples the series holds (its latest ones). */
export const seriesLength = (windows: TopicLagWindows, series: number) => windows[countsAt(windows) + series]!;

/** The series' value of the sample before `sample`, undefined when it has none. */
export function previousCommitted(windows: TopicLagWindows, series: number, sample: number): number | null | undefined {
  if (seriesLength(windows, series) === 0) return undefined;
  const value = windows[committedBase(windows, series) + mod(sample - 1, sizeOf(windows))]!;
  return Number.isNaN(value) ? null : value;
}

/** Records a partition's commit (or the summed series' commits) of sample `sample`, the one after the series' latest. */
export function recordCommitted(windows: TopicLagWindows, series: number, sample: number, committedOffset: number | null): void {
  windows[committedBase(windows, series) + mod(sample, sizeOf(windows))] = committedOffset ?? Number.NaN;
  const counts = countsAt(windows);
  windows[counts + series] = Math.min(windows[counts + series]! + 1, sizeOf(windows));
}

/** Records the topic's summed commits and lag of sample `sample`. */
export function recordSum(windows: TopicLagWindows, sample: number, committedSum: number, lag: number): void {
  recordCommitted(windows, partitionCountOf(windows), sample, committedSum);
  windows[sumLagBase(windows) + mod(sample, sizeOf(windows))] = lag;
}

/** `value` modulo `size`, never negative (for integers; one division where `((value % size) + size) % size` made two). */
const mod = (value: number, size: number) => {
  const rest = value % size;
  return rest < 0 ? rest + size : rest;
};

/**
 * Reads one series as a window (oldest first): re-pointed for each series, so the collector
 * evaluates 180,000 windows with one object. Pointing copies the series' few values into scratch
 * arrays in time order, so the status rules, which read each value several times, index them
 * directly instead of wrapping around the ring each time; a partition's lags are computed there
 * from its commits and the topic's offset windows. `times` are the cluster's latest sample times, oldest first, the last being sample `newest`'s.
 */
export class LagWindowCursor implements LagWindowView {
  length = 0;
  private committed = new Float64Array(16);
  private lags = new Float64Array(16);
  private times: readonly number[] = [];

  /** Points at a partition's series, its lags read against the topic's offset windows (of the same size, with room for the partition). */
  point(windows: TopicLagWindows, series: number, newest: number, times: readonly number[], offsets: TopicOffsetWindows): this {
    const size = sizeOf(windows);
    const length = this.fit(windows, series, times);
    const committedStart = committedBase(windows, series);
    const endStart = endBase(offsets, windows[HEADER + series]!);
    const startStart = endStart + size;
    const committed = this.committed;
    const lags = this.lags;
    let slot = mod(newest - length + 1, size);
    for (let index = 0; index < length; index++) {
      const value = windows[committedStart + slot]!;
      committed[index] = value;
      lags[index] = lagAgainst(value, offsets[endStart + slot]!, offsets[startStart + slot]!);
      slot = slot + 1 === size ? 0 : slot + 1;
    }
    return this;
  }

  /** Points at the topic's summed series, whose lags the windows keep. */
  pointSum(windows: TopicLagWindows, newest: number, times: readonly number[]): this {
    const size = sizeOf(windows);
    const series = partitionCountOf(windows);
    const length = this.fit(windows, series, times);
    const committedStart = committedBase(windows, series);
    const lagStart = sumLagBase(windows);
    let slot = mod(newest - length + 1, size);
    for (let index = 0; index < length; index++) {
      this.committed[index] = windows[committedStart + slot]!;
      this.lags[index] = windows[lagStart + slot]!;
      slot = slot + 1 === size ? 0 : slot + 1;
    }
    return this;
  }

  /** Takes the series' length and times; the scratch arrays grow to hold it. */
  private fit(windows: TopicLagWindows, series: number, times: readonly number[]): number {
    const length = seriesLength(windows, series);
    if (this.committed.length < length) {
      this.committed = new Float64Array(length);
      this.lags = new Float64Array(length);
    }
    this.length = length;
    this.times = times;
    return length;
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
