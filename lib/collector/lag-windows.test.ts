import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateLagStatus, flatWindowStatus } from "@/lib/collector/group-status";
import {
  LagWindowCursor, createOffsetWindows, createTopicLagWindows, fitOffsetWindows, flatSeriesLag, flatSumLag, lagAgainst, lagWindowPartitions, lagWindowsFit,
  offsetWindowsCapacity, previousCommitted, recordCommitted, recordOffsets, recordSum, reshapeLagWindows, sampledOffsets, seriesLength,
  seriesOfPartition, type TopicOffsetWindows,
} from "@/lib/collector/lag-windows";

/** The series as observations, oldest first, through the cursor the collector uses. */
function read(windows: Float64Array, series: number, newest: number, times: number[], offsets?: TopicOffsetWindows) {
  const cursor = series === windows[1] ? new LagWindowCursor().pointSum(windows, newest, times) : new LagWindowCursor().point(windows, series, newest, times, offsets!);
  return Array.from({ length: cursor.length }, (_, index) => [cursor.timeAt(index), cursor.committedAt(index), cursor.lagAt(index)]);
}

describe("topic lag windows", () => {
  it("keeps the last `size` observations of each series, oldest first, with null for no commit; a partition's lags from the topic's offsets", () => {
    const windows = createTopicLagWindows(3, [0, 1]);
    const offsets = createOffsetWindows(3, 2);
    const times: number[] = [];
    for (let sample = 0; sample < 5; sample++) {
      times.push(1000 * sample);
      // Partition 0: end 10·s + 5 − s, committed 10·s (lag 5 − s). Partition 1: start s + 1, end s + 7.
      recordOffsets(offsets, 0, sample, 9 * sample + 5, 0);
      recordOffsets(offsets, 1, sample, sample + 7, sample + 1);
      recordCommitted(windows, 0, sample, 10 * sample);
      recordCommitted(windows, 1, sample, sample < 2 ? null : sample);
      recordSum(windows, sample, 10 * sample + sample, 12 - sample);
    }
    const last3 = times.slice(-3);
    expect(read(windows, 0, 4, last3, offsets)).toEqual([[2000, 20, 3], [3000, 30, 2], [4000, 40, 1]]);
    // Committed below the start offset: read from the start (s + 1), as the lag was measured.
    expect(read(windows, 1, 4, last3, offsets)).toEqual([[2000, 2, 6], [3000, 3, 6], [4000, 4, 6]]);
    expect(read(windows, 2, 4, last3)).toEqual([[2000, 22, 10], [3000, 33, 9], [4000, 44, 8]]);
    expect(previousCommitted(windows, 0, 5)).toBe(40);
    expect(seriesLength(windows, 1)).toBe(3);
    // 2 partitions + the sum: 3 committed series and one lag series of 3, after a header of 2 + 2 + 3.
    expect(windows.length).toBe(7 + 4 * 3);
  });

  it("computes a lag as it was measured: from the commit, or the start offset without one or past it", () => {
    expect(lagAgainst(40, 45, 0)).toBe(5);
    expect(lagAgainst(Number.NaN, 45, 10)).toBe(35);
    expect(lagAgainst(5, 45, 10)).toBe(35);
    expect(lagAgainst(50, 45, 10)).toBe(0);
  });

  it("carries the kept partitions' series over when partitions change, and starts new ones empty", () => {
    const windows = createTopicLagWindows(4, [0, 1, 2]);
    const offsets = createOffsetWindows(4, 6);
    for (let sample = 0; sample < 3; sample++) {
      for (const partition of [0, 1, 2, 5]) recordOffsets(offsets, partition, sample, 100 + 3 * sample, 0);
      recordCommitted(windows, 0, sample, sample);
      recordCommitted(windows, 1, sample, null);
      recordCommitted(windows, 2, sample, 100 + sample);
      recordSum(windows, sample, 100 + 2 * sample, 6);
    }
    const reshaped = reshapeLagWindows(windows, 2, [1, 2, 5], 2);
    expect(lagWindowPartitions(reshaped)).toEqual([1, 2, 5]);
    expect(lagWindowsFit(reshaped, 2, [1, 2, 5])).toBe(true);
    expect(lagWindowsFit(reshaped, 3, [1, 2, 5])).toBe(false);
    expect(lagWindowsFit(reshaped, 2, [1, 2, 6])).toBe(false);
    const times = [1000, 2000];
    const fitted = fitOffsetWindows(offsets, 2, 6, 2);
    expect(fitted).not.toBe(offsets);
    expect(read(reshaped, 0, 2, times, fitted)).toEqual([[1000, null, 103], [2000, null, 106]]);
    expect(read(reshaped, 1, 2, times, fitted)).toEqual([[1000, 101, 2], [2000, 102, 4]]);
    expect(read(reshaped, 2, 2, times, fitted)).toEqual([]);
    expect(previousCommitted(reshaped, 2, 3)).toBeUndefined();
    expect(previousCommitted(reshaped, 0, 3)).toBeNull();
    expect(read(reshaped, 3, 2, times)).toEqual([[1000, 102, 6], [2000, 104, 6]]);
    expect([seriesOfPartition(reshaped, 5), seriesOfPartition(reshaped, 1), seriesOfPartition(reshaped, 0)]).toEqual([2, 0, -1]);
  });

  it("keeps a topic's offsets per sample, and grows or resizes its windows keeping the latest samples", () => {
    const offsets = createOffsetWindows(3, 1);
    expect(sampledOffsets(offsets, 0, 0)).toEqual([Number.NaN, Number.NaN]);
    for (let sample = 0; sample < 4; sample++) recordOffsets(offsets, 0, sample, 10 + sample, sample);
    expect(fitOffsetWindows(offsets, 3, 1, 3)).toBe(offsets);
    const grown = fitOffsetWindows(offsets, 3, 3, 3);
    expect(offsetWindowsCapacity(grown)).toBe(3);
    expect([1, 2, 3].map((sample) => sampledOffsets(grown, 0, sample))).toEqual([[11, 1], [12, 2], [13, 3]]);
    expect(sampledOffsets(grown, 2, 3)).toEqual([Number.NaN, Number.NaN]);
    expect(sampledOffsets(grown, 7, 3)).toEqual([Number.NaN, Number.NaN]);
    const wider = fitOffsetWindows(offsets, 5, 1, 3);
    expect([0, 1, 2, 3, 4].map((sample) => sampledOffsets(wider, 0, sample)[0])).toEqual([Number.NaN, 11, 12, 13, Number.NaN]);
    const narrower = fitOffsetWindows(offsets, 2, 1, 3);
    expect([2, 3].map((sample) => sampledOffsets(narrower, 0, sample))).toEqual([[12, 2], [13, 3]]);
  });
});

// The collector judges a window that stood still from its one lag (flatSeriesLag, flatSumLag →
// flatWindowStatus) instead of through the cursor: for any window the two must give the same status,
// and a window with anything that moved must not be taken for a still one.
describe("windows that stood still", () => {
  const value = fc.constantFrom(Number.NaN, 0, 3, 7, 12);
  const sampleOf = fc.record({ committed: value, end: fc.constantFrom(Number.NaN, 7, 12, 20), start: fc.constantFrom(Number.NaN, 0, 3), sumCommitted: fc.constantFrom(0, 5, 9), sumLag: fc.constantFrom(0, 4, 8) });
  // Few distinct values and a chance of repeating the last sample, so that still windows come up often.
  const run = fc.array(fc.oneof(sampleOf, fc.constant(null)), { minLength: 1, maxLength: 9 });

  it("gives each window the status the cursor gives it, and takes only windows that stood still for such", () => {
    fc.assert(
      fc.property(run, fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.integer({ min: 0, max: 2 }), (steps, size, hasActiveMembers, partition) => {
        const windows = createTopicLagWindows(size, [partition]);
        const offsets = createOffsetWindows(size, 3);
        const options = { windowSize: size, hasActiveMembers };
        let last = { committed: 0, end: 7, start: 0, sumCommitted: 0, sumLag: 0 };
        const times: number[] = [];
        steps.forEach((step, sample) => {
          last = step ?? last;
          times.push(1000 * sample);
          recordOffsets(offsets, partition, sample, last.end, last.start);
          recordCommitted(windows, 0, sample, Number.isNaN(last.committed) ? null : last.committed);
          recordSum(windows, sample, last.sumCommitted, last.sumLag);
        });
        const newest = steps.length - 1;
        const recent = times.slice(-size);
        const partitionWindow = new LagWindowCursor().point(windows, 0, newest, recent, offsets);
        const partitionLags = Array.from({ length: partitionWindow.length }, (_, index) => partitionWindow.lagAt(index));
        const partitionCommits = Array.from({ length: partitionWindow.length }, (_, index) => partitionWindow.committedAt(index));
        const flat = flatSeriesLag(windows, 0, newest, offsets);
        const stoodStill = partitionLags.every((lag) => lag === partitionLags[0] && !Number.isNaN(lag)) && partitionCommits.every((commit) => commit === partitionCommits[0]);
        if (flat >= 0) {
          expect(partitionLags.every((lag) => lag === flat)).toBe(true);
          expect(flatWindowStatus(flat, seriesLength(windows, 0), options)).toBe(evaluateLagStatus(partitionWindow, options));
        } else if (partitionWindow.length === 1) expect(Number.isNaN(partitionLags[0])).toBe(true);
        // Past one sample, a flat answer needs the same offsets too; the same commits and lags alone may not give one.
        if (flat >= 0 && partitionWindow.length > 1) expect(stoodStill).toBe(true);

        const sumWindow = new LagWindowCursor().pointSum(windows, newest, recent);
        const flatSum = flatSumLag(windows, newest);
        const sumStill = Array.from({ length: sumWindow.length }, (_, index) => index).every(
          (index) => sumWindow.lagAt(index) === sumWindow.lagAt(0) && sumWindow.committedAt(index) === sumWindow.committedAt(0),
        );
        expect(flatSum >= 0).toBe(sumStill);
        if (flatSum >= 0) expect(flatWindowStatus(flatSum, seriesLength(windows, 1), options)).toBe(evaluateLagStatus(sumWindow, options));
      }),
      { numRuns: 2000 },
    );
  });
});
