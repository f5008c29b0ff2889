import { describe, expect, it } from "vitest";
import { pickRecordTimestamp, type FetchedRecord } from "@/lib/kafka/pick-record-timestamp";

const record = (offset: number, timestamp: number, isControlRecord = false): FetchedRecord => ({
  offset: String(offset),
  timestamp: String(timestamp),
  isControlRecord,
});

describe("pickRecordTimestamp", () => {
  it("skips the batch's records before the offset and takes the record at it", () => {
    expect(pickRecordTimestamp([record(10, 1000), record(11, 1100), record(12, 1200)], 11)).toEqual({ kind: "found", timestamp: 1100 });
  });

  it("calls a record compacted away gone when the first record after it has a higher offset", () => {
    expect(pickRecordTimestamp([record(10, 1000), record(14, 1400)], 12)).toEqual({ kind: "gone" });
  });

  it("passes over transaction markers at the offset to the next data record", () => {
    expect(pickRecordTimestamp([record(20, 2000, true), record(21, 2100)], 20)).toEqual({ kind: "found", timestamp: 2100 });
    // a gap after the marker is still a compacted record
    expect(pickRecordTimestamp([record(20, 2000, true), record(23, 2300)], 20)).toEqual({ kind: "gone" });
  });

  it("says absent when nothing reaches the offset (empty or truncated answer, or only markers)", () => {
    expect(pickRecordTimestamp([], 5)).toEqual({ kind: "absent" });
    expect(pickRecordTimestamp([record(1, 100), record(2, 200)], 5)).toEqual({ kind: "absent" });
    expect(pickRecordTimestamp([record(5, 500, true)], 5)).toEqual({ kind: "absent" });
  });

  it("treats a record without a timestamp (-1) as gone", () => {
    expect(pickRecordTimestamp([record(7, -1)], 7)).toEqual({ kind: "gone" });
  });
});
