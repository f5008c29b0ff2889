/** The fields of a fetched record that the timestamp lookup reads (as kafkajs decodes them). */
export type FetchedRecord = { offset: string; timestamp: string; isControlRecord?: boolean };

export type PickedTimestamp =
  /** The record at the offset, or the first data record after transaction markers that fill the gap. */
  | { kind: "found"; timestamp: number }
  /** No record with a timestamp is at that offset any more (compaction removed it). */
  | { kind: "gone" }
  /** What came back does not reach the offset (nothing returned, or a truncated batch dropped). */
  | { kind: "absent" };

/**
 * The timestamp of the record at `offset` among a partition's fetched records. Fetch answers whole
 * batches, so records before `offset` are skipped. Transaction markers (control records) are not
 * records a consumer processes: when they sit at `offset`, the next data record counts, provided the
 * offsets in between are all markers. A first record beyond `offset` with no markers to explain the
 * gap means the record was compacted away; a record without a timestamp (-1, pre-0.10 message
 * format) counts as gone too.
 */
export function pickRecordTimestamp(records: readonly FetchedRecord[], offset: number): PickedTimestamp {
  let expected = offset;
  for (const record of records) {
    const recordOffset = Number(record.offset);
    if (recordOffset < expected) continue;
    if (recordOffset > expected) return { kind: "gone" };
    if (record.isControlRecord) {
      expected = recordOffset + 1;
      continue;
    }
    const timestamp = Number(record.timestamp);
    return timestamp >= 0 ? { kind: "found", timestamp } : { kind: "gone" };
  }
  return { kind: "absent" };
}
