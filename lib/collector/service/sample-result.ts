import { gunzip, gzipSync } from "node:zlib";
import { promisify } from "node:util";
import type { IntervalCounts } from "@/lib/collector/sample-windows";
import type { ClusterSnapshot, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";
import { fromLagColumns, groupSummary, lagColumnsOf, withLazyPartitions, type LagColumns } from "@/lib/collector/lag-columns";
import type { TopicConfigEntry } from "@/lib/kafka/topic-configs";

// What crosses from the sampler (a child process, or the collector's own thread) to whoever
// publishes it, and from PostgreSQL to the web replicas.

/** One good sample, as the sampler hands it over (encoded where it was taken, off the web's event loop). */
export type SampleResult = {
  snapshot: ClusterSnapshot;
  /** gzip(JSON(snapshot)). */
  encoded: Uint8Array;
  /** The derive state (status windows, offset→time tables), for the next leader; null: not encodable. */
  state: Uint8Array | null;
  /** What the record sampler counted this interval; null when sampling is off or failed. */
  interval: IntervalCounts | null;
  /** Topic configs, when the sampler re-read them this sample (every 30 samples and for new topics). */
  topicConfigs: [string, TopicConfigEntry[]][] | null;
};

/** The outcome of a failed attempt: Kafka's error, in words without credentials. */
export type AttemptStatus = { attemptAt: number; lastError: string | null; consecutiveFailures: number };

export type Notification = { cluster: string; epoch: number; kind: "sample" | "status"; sampledAt: number | null };

/**
 * gzip of one JSON line per topic and two per group after a header line (the snapshot without
 * them): a group's summary, then its per-partition lag as columns. A web replica parses the
 * summaries a few hundred lines at a time, yielding between batches, and leaves each group's
 * columns in the inflated buffer (outside the JavaScript heap) until somebody asks for that
 * group's partitions (its page, the flow graph): the lists and the overview read summaries only,
 * so a snapshot of 10,000 groups and 180,000 lag rows loads in a fraction of the time and memory
 * the rows would take as objects. The reader never parses the whole snapshot as one string.
 */
export function encodeSnapshot(snapshot: ClusterSnapshot): Uint8Array {
  const { topics, groups, ...head } = snapshot;
  const lines = [JSON.stringify({ ...head, format: SNAPSHOT_FORMAT, topicCount: topics.length, groupCount: groups.length })];
  for (const topic of topics) lines.push(JSON.stringify(topic));
  for (const group of groups) {
    lines.push(JSON.stringify(groupSummary(group)));
    lines.push(JSON.stringify(lagColumnsOf(group)));
  }
  return gzipSync(lines.join("\n"), { level: 4 });
}

/** Snapshots without a format field (one line per group) are still read: replicas may be upgraded after the collector. */
const SNAPSHOT_FORMAT = 2;
const gunzipAsync = promisify(gunzip);
const LINES_PER_TURN = 250;

/** Inflates off the event loop (zlib's thread pool), then parses in small batches between turns of it. */
export async function decodeSnapshot(encoded: Uint8Array): Promise<ClusterSnapshot> {
  const bytes = await gunzipAsync(encoded);
  let start = 0;
  let read = 0;
  /** The next line's bounds, or null after the last; yields to the event loop every few hundred lines. */
  const nextLine = async (): Promise<[number, number] | null> => {
    if (start > bytes.length) return null;
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const bounds: [number, number] = [start, end];
    start = end + 1;
    if (++read % LINES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    return bounds;
  };
  const parse = ([from, to]: [number, number]) => JSON.parse(bytes.toString("utf8", from, to)) as unknown;
  const { topicCount, groupCount, format, ...head } = parse((await nextLine())!) as Omit<ClusterSnapshot, "topics" | "groups"> & {
    topicCount: number;
    groupCount: number;
    format?: number;
  };
  if (format !== undefined && format !== SNAPSHOT_FORMAT) throw new Error(`snapshot format ${format} is newer than this process reads (${SNAPSHOT_FORMAT})`);
  const topics: TopicSnapshot[] = [];
  const groups: GroupSnapshot[] = [];
  const summaries: Omit<GroupSnapshot, "partitions">[] = [];
  const columnLines: [number, number][] = [];
  for (let line = await nextLine(); line !== null; line = await nextLine()) {
    if (topics.length < topicCount) topics.push(parse(line) as TopicSnapshot);
    else if (format === undefined) groups.push(parse(line) as GroupSnapshot);
    else {
      const columns = await nextLine();
      if (columns === null) throw new Error(`snapshot group ${summaries.length + 1} has no partition columns`);
      summaries.push(parse(line) as Omit<GroupSnapshot, "partitions">);
      columnLines.push(columns);
    }
  }
  if (format !== undefined) {
    // Only the columns stay: copied out of the inflated text (a third of it), which can then go.
    const kept = Buffer.allocUnsafeSlow(columnLines.reduce((total, [from, to]) => total + to - from, 0));
    let offset = 0;
    summaries.forEach((summary, index) => {
      const [from, to] = columnLines[index]!;
      const start = offset;
      const end = (offset += bytes.copy(kept, offset, from, to));
      groups.push(withLazyPartitions(summary, () => fromLagColumns(JSON.parse(kept.toString("utf8", start, end)) as LagColumns)));
    });
  }
  if (topics.length + groups.length !== topicCount + groupCount) {
    throw new Error(`snapshot has ${topics.length + groups.length} rows, expected ${topicCount + groupCount}`);
  }
  return { ...head, topics, groups } as ClusterSnapshot;
}
