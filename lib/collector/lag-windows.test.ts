import { describe, expect, it } from "vitest";
import {
  LagWindowCursor, createTopicLagWindows, lagWindowPartitions, lagWindowsFit, previousCommitted, recordObservation,
  reshapeLagWindows, seriesLength, seriesOfPartition,
} from "@/lib/collector/lag-windows";

/** The series as observations, oldest first, through the cursor the collector uses. */
function read(windows: Float64Array, series: number, newest: number, times: number[]) {
  const cursor = new LagWindowCursor().point(windows, series, newest, times);
  return Array.from({ length: cursor.length }, (_, index) => [cursor.timeAt(index), cursor.committedAt(index), cursor.lagAt(index)]);
}

describe("topic lag windows", () => {
  it("keeps the last `size` observations of each series, oldest first, with null for no commit", () => {
    const windows = createTopicLagWindows(3, [0, 1]);
    const times: number[] = [];
    for (let sample = 0; sample < 5; sample++) {
      times.push(1000 * sample);
      recordObservation(windows, 0, sample, 10 * sample, 5 - sample);
      recordObservation(windows, 1, sample, sample < 2 ? null : sample, 7);
      recordObservation(windows, 2, sample, 10 * sample + sample, 12 - sample);
    }
    const last3 = times.slice(-3);
    expect(read(windows, 0, 4, last3)).toEqual([[2000, 20, 3], [3000, 30, 2], [4000, 40, 1]]);
    expect(read(windows, 1, 4, last3)).toEqual([[2000, 2, 7], [3000, 3, 7], [4000, 4, 7]]);
    expect(read(windows, 2, 4, last3)).toEqual([[2000, 22, 10], [3000, 33, 9], [4000, 44, 8]]);
    expect(previousCommitted(windows, 0, 5)).toBe(40);
    expect(seriesLength(windows, 1)).toBe(3);
  });

  it("carries the kept partitions' series over when partitions change, and starts new ones empty", () => {
    const windows = createTopicLagWindows(4, [0, 1, 2]);
    for (let sample = 0; sample < 3; sample++) {
      recordObservation(windows, 0, sample, sample, 1);
      recordObservation(windows, 1, sample, null, 2);
      recordObservation(windows, 2, sample, 100 + sample, 3);
      recordObservation(windows, 3, sample, 100 + 2 * sample, 6);
    }
    const reshaped = reshapeLagWindows(windows, 2, [1, 2, 5], 2);
    expect(lagWindowPartitions(reshaped)).toEqual([1, 2, 5]);
    expect(lagWindowsFit(reshaped, 2, [1, 2, 5])).toBe(true);
    expect(lagWindowsFit(reshaped, 3, [1, 2, 5])).toBe(false);
    expect(lagWindowsFit(reshaped, 2, [1, 2, 6])).toBe(false);
    const times = [1000, 2000];
    expect(read(reshaped, 0, 2, times)).toEqual([[1000, null, 2], [2000, null, 2]]);
    expect(read(reshaped, 1, 2, times)).toEqual([[1000, 101, 3], [2000, 102, 3]]);
    expect(read(reshaped, 2, 2, times)).toEqual([]);
    expect(previousCommitted(reshaped, 2, 3)).toBeUndefined();
    expect(previousCommitted(reshaped, 0, 3)).toBeNull();
    expect(read(reshaped, 3, 2, times)).toEqual([[1000, 102, 6], [2000, 104, 6]]);
    expect([seriesOfPartition(reshaped, 5), seriesOfPartition(reshaped, 1), seriesOfPartition(reshaped, 0)]).toEqual([2, 0, -1]);
  });
});
