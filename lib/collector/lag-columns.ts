import type { GroupPartitionLag, GroupSnapshot, GroupStatus } from "@/lib/collector/types";

// A group's lag rows as parallel arrays instead of one object per partition. The snapshot carries
// them this way, so the collector derives them this way too and encodes them as they are (10,000
// groups are 180,000 rows, which it no longer builds as objects only to take them apart again),
// and a GroupSnapshot's `partitions` turns them into objects only when something reads it (a
// group's page, the flow graph, a test), once. A decoded TopicSnapshot's `partitions` is lazy the
// same way (withLazyPartitions, partition-columns.ts).

/** Statuses by index: the order is part of snapshot format 2 (its columns hold these indexes), so only append. */
export const LAG_STATUSES: readonly GroupStatus[] = ["OK", "WARNING", "STALLED", "STOPPED", "REWOUND", "INCOMPLETE"];
const STATUS_INDEX = new Map(LAG_STATUSES.map((status, index) => [status, index]));

export type LagColumns = {
  /** Topic names; `topic` holds indexes into it. */
  names: string[];
  topic: number[];
  partition: number[];
  committed: (number | null)[];
  end: number[];
  start: number[];
  lag: number[];
  timeLag: (number | null)[];
  estimated: (0 | 1)[];
  /** Indexes into LAG_STATUSES. */
  status: number[];
};

/**
 * Empty columns, or columns of `rows` rows to be filled by index: arrays grown by push keep spare
 * capacity, 17 MB of the 91 MB the derivation retained at 10,000 groups.
 */
export function createLagColumns(rows = 0): LagColumns {
  const column = () => new Array(rows);
  return {
    names: [], topic: column(), partition: column(), committed: column(), end: column(), start: column(), lag: column(), timeLag: column(), estimated: column(), status: column(),
  };
}

export const statusIndex = (status: GroupStatus): number => STATUS_INDEX.get(status)!;

export function toLagColumns(rows: readonly GroupPartitionLag[]): LagColumns {
  const columns = createLagColumns();
  const nameIndex = new Map<string, number>();
  for (const row of rows) {
    let index = nameIndex.get(row.topic);
    if (index === undefined) nameIndex.set(row.topic, (index = columns.names.push(row.topic) - 1));
    columns.topic.push(index);
    columns.partition.push(row.partition);
    columns.committed.push(row.committedOffset);
    columns.end.push(row.endOffset);
    columns.start.push(row.startOffset);
    columns.lag.push(row.lag);
    columns.timeLag.push(row.timeLagSeconds);
    columns.estimated.push(row.timeLagEstimated ? 1 : 0);
    columns.status.push(statusIndex(row.status));
  }
  return columns;
}

export function fromLagColumns(columns: LagColumns): GroupPartitionLag[] {
  return columns.topic.map((topic, index) => ({
    topic: columns.names[topic]!,
    partition: columns.partition[index]!,
    committedOffset: columns.committed[index]!,
    endOffset: columns.end[index]!,
    startOffset: columns.start[index]!,
    lag: columns.lag[index]!,
    timeLagSeconds: columns.timeLag[index]!,
    timeLagEstimated: columns.estimated[index] === 1,
    status: LAG_STATUSES[columns.status[index]!]!,
  }));
}

/**
 * The lag rows of every group of one sample, as typed columns the groups hold ranges of (NaN for a
 * null commit or time lag). A group's own ten arrays of numbers (10,000 groups a sample) lived as
 * long as the snapshot and were promoted to the old generation every sample, with a heap number for
 * every time lag: these columns are a few buffers outside the JavaScript heap, which its garbage
 * collector neither copies nor marks.
 */
export class SampleLagRows {
  /** Topic names of the whole sample; `topic` holds indexes into it. */
  readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  /**
   * The topics deriveGroup wrote these rows from (deriveSnapshot sets it; null for rows written any
   * other way): a group's range then holds, for each of its summaries' topics in order, that topic's
   * `partitions` in order, with the lag their offsets give. The encoder relies on it rather than
   * checking every row again (group-columns.ts, rangeFollows).
   */
  derivedFrom: ReadonlyMap<string, { readonly partitions: readonly unknown[] }> | null = null;
  length = 0;
  topic: Int32Array;
  partition: Int32Array;
  committed: Float64Array;
  end: Float64Array;
  start: Float64Array;
  lag: Float64Array;
  timeLag: Float64Array;
  estimated: Uint8Array;
  status: Uint8Array;

  /** `capacity`: the rows expected (the derivation sizes it by the last sample), grown by doubling past it. */
  constructor(capacity = 1024) {
    const rows = Math.max(16, capacity);
    this.topic = new Int32Array(rows);
    this.partition = new Int32Array(rows);
    this.committed = new Float64Array(rows);
    this.end = new Float64Array(rows);
    this.start = new Float64Array(rows);
    this.lag = new Float64Array(rows);
    this.timeLag = new Float64Array(rows);
    this.estimated = new Uint8Array(rows);
    this.status = new Uint8Array(rows);
  }

  /** The index of a topic name in `names`, added on first use. */
  nameOf(topic: string): number {
    let index = this.nameIndex.get(topic);
    if (index === undefined) this.nameIndex.set(topic, (index = this.names.push(topic) - 1));
    return index;
  }

  /** Room for `rows` more rows. */
  reserve(rows: number): void {
    const needed = this.length + rows;
    if (needed <= this.topic.length) return;
    const capacity = Math.max(this.topic.length * 2, needed);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(column: T): T => {
      const grown = new (column.constructor as new (length: number) => T)(capacity);
      grown.set(column.subarray(0, this.length));
      return grown;
    };
    this.topic = grow(this.topic);
    this.partition = grow(this.partition);
    this.committed = grow(this.committed);
    this.end = grow(this.end);
    this.start = grow(this.start);
    this.lag = grow(this.lag);
    this.timeLag = grow(this.timeLag);
    this.estimated = grow(this.estimated);
    this.status = grow(this.status);
  }
}

/** One group's rows of a SampleLagRows: from `from` up to (not including) `to`. */
export type LagRange = { rows: SampleLagRows; from: number; to: number };

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** A range's rows as LagColumns (names: the range's topics in order of appearance). */
export function rangeToLagColumns({ rows, from, to }: LagRange): LagColumns {
  const columns = createLagColumns(to - from);
  const local = new Map<number, number>();
  for (let row = from; row < to; row++) {
    const at = row - from;
    const sampleName = rows.topic[row]!;
    let name = local.get(sampleName);
    if (name === undefined) local.set(sampleName, (name = columns.names.push(rows.names[sampleName]!) - 1));
    columns.topic[at] = name;
    columns.partition[at] = rows.partition[row]!;
    columns.committed[at] = orNull(rows.committed[row]!);
    columns.end[at] = rows.end[row]!;
    columns.start[at] = rows.start[row]!;
    columns.lag[at] = rows.lag[row]!;
    columns.timeLag[at] = orNull(rows.timeLag[row]!);
    columns.estimated[at] = rows.estimated[row] === 1 ? 1 : 0;
    columns.status[at] = rows.status[row]!;
  }
  return columns;
}

/** A range's rows as objects (a group's `partitions`, built only when something reads them). */
export function rangeToRows(range: LagRange): GroupPartitionLag[] {
  return fromLagColumns(rangeToLagColumns(range));
}

/**
 * Per object (group or topic) whose `partitions` nobody has read yet: how to build them, a loader or
 * (a derived group) its range of its sample's rows; null once they are built. Kept on the object under
 * a symbol, not enumerable (JSON, Object.keys, a spread and test equality leave it out), rather than in
 * WeakMaps: two WeakMap entries per group were 20,000 ephemerons a sample at 10,000 groups, which
 * V8's full collections trace one by one, and the loader a closure per group.
 */
const SOURCE = Symbol("partitions source");
type Lazy = { [SOURCE]: (() => unknown[]) | LagRange | null };
/** One descriptor for every object, as for LAZY_PARTITIONS; the value is assigned after. */
const HIDDEN_SOURCE: PropertyDescriptor = { value: null, writable: true, enumerable: false, configurable: true };

function settlePartitions(owner: Lazy, partitions: unknown[]) {
  Object.defineProperty(owner, "partitions", { value: partitions, enumerable: true, writable: true, configurable: true });
  owner[SOURCE] = null;
}

// One getter and setter for every group and topic: objects whose accessors are distinct functions cannot
// share a hidden class, and 10,000 of them fell back to slow dictionary objects.
const LAZY_PARTITIONS: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: Lazy) {
    const source = this[SOURCE]!;
    const partitions = typeof source === "function" ? source() : rangeToRows(source);
    settlePartitions(this, partitions);
    return partitions;
  },
  set(this: Lazy, partitions: unknown[]) {
    settlePartitions(this, partitions);
  },
};

/**
 * The group (or topic) with its `partitions` built on first access (then kept as a plain property):
 * by `source` when it is a loader (from a snapshot's bytes, say), or from the group's range of its
 * sample's rows (a derived group, which is then also what lagColumnsOf and lagRangeOf read).
 */
export function withLazyPartitions<T extends { partitions: unknown[] }>(summary: Omit<T, "partitions">, source: (() => T["partitions"]) | LagRange): T {
  Object.defineProperty(summary, SOURCE, HIDDEN_SOURCE);
  (summary as unknown as Lazy)[SOURCE] = source;
  return Object.defineProperty(summary, "partitions", LAZY_PARTITIONS) as T;
}

/** The group's lag rows as columns, without building the row objects when it still has them as columns. */
export function lagColumnsOf(group: GroupSnapshot): LagColumns {
  const range = lagRangeOf(group);
  return range ? rangeToLagColumns(range) : toLagColumns(group.partitions);
}

/** The group's rows in its sample's SampleLagRows, while nothing has built or replaced its `partitions`; else undefined. */
export function lagRangeOf(group: GroupSnapshot): LagRange | undefined {
  const source = (group as unknown as Partial<Lazy>)[SOURCE];
  return source && typeof source !== "function" ? source : undefined;
}

/** The group (or topic) without its `partitions`, read without building them. */
export function withoutPartitions<T extends { partitions: unknown[] }>(owner: T): Omit<T, "partitions"> {
  const summary: Record<string, unknown> = {};
  for (const key of Object.keys(owner)) if (key !== "partitions") summary[key] = (owner as Record<string, unknown>)[key];
  return summary as Omit<T, "partitions">;
}
