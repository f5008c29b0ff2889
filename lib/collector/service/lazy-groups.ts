import type { ClusterSnapshot, GroupSnapshot } from "@/lib/collector/types";
import { fromGroupLagColumns, fromGroupSummaryColumns, type CompactLagColumns, type GroupSummaryColumns, type PartitionsOf, type SharedStrings } from "@/lib/collector/group-columns";
import { fromLagColumns, withLazyPartitions, type LagColumns } from "@/lib/collector/lag-columns";

// A decoded snapshot's groups (format 4), parsed from their lines the first time something reads
// them. A web replica nobody asks about groups between two samples (10,000 groups: a sample every
// 10 s) no longer parses and then throws away every group of every sample: its idle cost is
// inflating the snapshot. One that serves groups gets them parsed ahead of the requests
// (loadGroups, between turns of its event loop), as before.

/**
 * The group lines of an inflated snapshot: from `start` to the end of `text`, per entry of
 * `lineGroups` a summaries line of that many groups, then a lag line per group.
 */
export type GroupLines = { text: Buffer; start: number; lineGroups: readonly number[] };

class SnapshotGroups {
  private value: GroupSnapshot[] | null = null;
  /** Something read the groups (a request, a test), not only loadGroups. */
  read = false;

  constructor(
    private readonly lines: GroupLines,
    private readonly partitionsOf: PartitionsOf,
  ) {}

  get(): GroupSnapshot[] {
    if (!this.value) {
      const groups: GroupSnapshot[] = [];
      for (const batch of this.batches()) groups.push(...batch);
      this.value = groups;
    }
    return this.value;
  }

  async load(): Promise<void> {
    if (this.value) return;
    const groups: GroupSnapshot[] = [];
    for (const batch of this.batches()) {
      groups.push(...batch);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.value ??= groups;
  }

  /** The groups of each summaries line in turn. */
  private *batches(): Generator<GroupSnapshot[]> {
    const { text, lineGroups } = this.lines;
    let start = this.lines.start;
    const nextLine = (): [number, number] => {
      let end = text.indexOf(0x0a, start);
      if (end < 0) end = text.length;
      const bounds: [number, number] = [start, end];
      start = end + 1;
      return bounds;
    };
    const shared: SharedStrings = new Map();
    for (const count of lineGroups) {
      const summaries = fromGroupSummaryColumns(JSON.parse(text.toString("utf8", ...nextLine())) as GroupSummaryColumns, shared);
      if (summaries.length !== count) throw new Error(`snapshot group line holds ${summaries.length} groups, its header says ${count}`);
      yield summaries.map((summary) => {
        const [from, to] = nextLine();
        return withLazyPartitions<GroupSnapshot>(summary, () =>
          fromGroupLagColumns(JSON.parse(text.toString("utf8", from, to)) as CompactLagColumns | LagColumns, summary.topics, this.partitionsOf, fromLagColumns),
        );
      });
    }
  }
}

const holders = new WeakMap<ClusterSnapshot, SnapshotGroups>();

/**
 * The snapshot with `groups` parsed from `lines` on first read, then kept. The property stays an
 * accessor, so that groupsRead can tell whether anything has read them; assigning replaces it.
 */
export function withLazyGroups(snapshot: Omit<ClusterSnapshot, "groups">, lines: GroupLines, partitionsOf: PartitionsOf): ClusterSnapshot {
  const holder = new SnapshotGroups(lines, partitionsOf);
  Object.defineProperty(snapshot, "groups", {
    enumerable: true,
    configurable: true,
    get() {
      holder.read = true;
      return holder.get();
    },
    set(this: ClusterSnapshot, groups: GroupSnapshot[]) {
      holder.read = true;
      Object.defineProperty(this, "groups", { value: groups, enumerable: true, writable: true, configurable: true });
    },
  });
  holders.set(snapshot as ClusterSnapshot, holder);
  return snapshot as ClusterSnapshot;
}

/** Whether anything has read the snapshot's groups since it was decoded (always true when they were never lazy). */
export function groupsRead(snapshot: ClusterSnapshot): boolean {
  return holders.get(snapshot)?.read ?? true;
}

/** Parses the snapshot's groups now, a summaries line per turn of the event loop, unless that is done. */
export async function loadGroups(snapshot: ClusterSnapshot): Promise<void> {
  await holders.get(snapshot)?.load();
}
