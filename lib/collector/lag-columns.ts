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

/** Per object (group or topic) whose `partitions` nobody has read yet: how to build them; for groups, the columns it was derived with. */
const loaders = new WeakMap<object, () => unknown[]>();
const columnsOfGroup = new WeakMap<object, LagColumns>();

function settlePartitions(owner: object, partitions: unknown[]) {
  Object.defineProperty(owner, "partitions", { value: partitions, enumerable: true, writable: true, configurable: true });
  loaders.delete(owner);
  columnsOfGroup.delete(owner);
}

// One getter and setter for every group and topic: objects whose accessors are distinct functions cannot
// share a hidden class, and 10,000 of them fell back to slow dictionary objects.
const LAZY_PARTITIONS: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object) {
    const partitions = loaders.get(this)!();
    settlePartitions(this, partitions);
    return partitions;
  },
  set(this: object, partitions: unknown[]) {
    settlePartitions(this, partitions);
  },
};

/**
 * The group (or topic) with its `partitions` built on first access (then kept as a plain property)
 * by `load`: from columns the collector derived (`columns` given, groups only: they are also what
 * lagColumnsOf returns), or from a snapshot's bytes.
 */
export function withLazyPartitions<T extends { partitions: unknown[] }>(summary: Omit<T, "partitions">, load: () => T["partitions"], columns?: LagColumns): T {
  loaders.set(summary, load);
  if (columns) columnsOfGroup.set(summary, columns);
  return Object.defineProperty(summary, "partitions", LAZY_PARTITIONS) as T;
}

/** The group's lag rows as columns, without building the row objects when it still has them as columns. */
export function lagColumnsOf(group: GroupSnapshot): LagColumns {
  return columnsOfGroup.get(group) ?? toLagColumns(group.partitions);
}

/** The group (or topic) without its `partitions`, read without building them. */
export function withoutPartitions<T extends { partitions: unknown[] }>(owner: T): Omit<T, "partitions"> {
  const summary: Record<string, unknown> = {};
  for (const key of Object.keys(owner)) if (key !== "partitions") summary[key] = (owner as Record<string, unknown>)[key];
  return summary as Omit<T, "partitions">;
}
