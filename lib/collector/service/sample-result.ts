import { gunzip, gzipSync } from "node:zlib";
import { promisify } from "node:util";
import type { IntervalCounts } from "@/lib/collector/sample-windows";
import type { ClusterSnapshot, GroupSnapshot, TopicSnapshot } from "@/lib/collector/types";
import { fromLagColumns, withLazyPartitions, withoutPartitions, type LagColumns } from "@/lib/collector/lag-columns";
import { fromPartitionColumns, toPartitionColumns, type PartitionColumns } from "@/lib/collector/partition-columns";
import {
  GROUPS_PER_LINE, fromGroupLagColumns, writeGroupLagLine, writeGroupSummaryLine,
  type CompactLagColumns,
} from "@/lib/collector/group-columns";
import { withLazyGroups } from "@/lib/collector/service/lazy-groups";
import { JsonLinesWriter } from "@/lib/collector/json-lines";
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
 * gzip of a header line (the snapshot without topics and groups), then two JSON lines per topic
 * (its summary, then its partitions as columns), then the groups, GROUPS_PER_LINE at a time: one
 * line of their summaries as columns, then a line per group of its lag rows as columns
 * (lib/collector/group-columns.ts). A web replica parses the summaries a line at a time, yielding
 * between lines, and keeps the partition and lag columns as text (outside the JavaScript heap)
 * until somebody asks for that topic's or group's partitions (its page, the metrics endpoint): the
 * lists, the overview and the flow graph read summaries only, so a snapshot of 10,000 groups and
 * 180,000 lag rows, or of 15,000 partitions, loads in a fraction of the time and memory the rows
 * would take as objects. The reader never parses the whole snapshot as one string.
 */
export function encodeSnapshot(snapshot: ClusterSnapshot): Uint8Array {
  const { topics, groups, ...head } = snapshot;
  const groupLines: number[] = [];
  for (let from = 0; from < groups.length; from += GROUPS_PER_LINE) groupLines.push(Math.min(GROUPS_PER_LINE, groups.length - from));
  // Sized by the last snapshot: one buffer, not doubled and copied on the way up every sample.
  const writer = new JsonLinesWriter(lastEncodedSize + (lastEncodedSize >> 3));
  writer.line(JSON.stringify({ ...head, format: SNAPSHOT_FORMAT, topicCount: topics.length, groupCount: groups.length, groupLines }));
  const topicsByName = new Map<string, TopicSnapshot>();
  for (const topic of topics) {
    topicsByName.set(topic.name, topic);
    writer.line(JSON.stringify(withoutPartitions(topic)));
    writer.line(JSON.stringify(toPartitionColumns(topic.partitions)));
  }
  const partitionsOf = (name: string) => topicsByName.get(name)?.partitions;
  let from = 0;
  for (const count of groupLines) {
    const line = groups.slice(from, (from += count));
    writeGroupSummaryLine(writer, line);
    for (const group of line) writeGroupLagLine(writer, group, partitionsOf);
  }
  lastEncodedSize = writer.size;
  // Level 2: at 10,000 groups half the time of level 4 (20 against 40 ms for 5.8 MB of text) for 13%
  // more bytes (514 against 455 KB), and inflated as fast by the replicas (BENCHMARKS.md, stop 51).
  return gzipSync(writer.finish(), { level: SNAPSHOT_GZIP_LEVEL });
}

const SNAPSHOT_GZIP_LEVEL = 2;

/**
 * The text's size in the last snapshot this process encoded. The text is written into one buffer
 * (5.8 MB at 10,000 groups in stop 51's bench) rather than joined as one string: a string that large is made on the
 * JavaScript heap, straight in the old generation, where it brings the next full collection nearer.
 */
let lastEncodedSize = 1 << 16;

/**
 * 4: groups' summaries as columns, GROUPS_PER_LINE a line, and lag rows without what the topics say.
 * Older formats are still read, as a collector not yet upgraded publishes them: 3 (a summary line
 * and a columns line per topic and per group), 2 (topics as one line each, partitions included) and
 * no format field (one line per topic and per group).
 */
const SNAPSHOT_FORMAT = 4;
const gunzipAsync = promisify(gunzip);
const ROWS_PER_TURN = 250;

/**
 * The inflated size a gzip member states in its last four bytes (ISIZE, modulo 2^32), as the
 * chunk size to inflate with (at least zlib's minimum, 64), or undefined (zlib's default) when
 * there is no such size. Inflating into one buffer of that size is one pass through zlib's thread
 * pool: in chunks of zlib's default 16 KB, an 18 MB snapshot (10,000 groups) took ~1,100 passes and
 * a copy of all of them into one buffer at the end, four times the CPU. zlib checks ISIZE itself:
 * a member whose trailer lies fails to inflate, as it always did.
 */
export function inflateChunkSize(encoded: Uint8Array): number | undefined {
  if (encoded.length < 18) return undefined;
  const stated = new DataView(encoded.buffer, encoded.byteOffset, encoded.byteLength).getUint32(encoded.byteLength - 4, true);
  // One byte more than the content, so that zlib never finds its buffer full and starts another.
  return stated < MAX_INFLATE_CHUNK ? Math.max(64, stated + 1) : undefined;
}
const MAX_INFLATE_CHUNK = 512 * 1024 * 1024;

type Bounds = [from: number, to: number];

/** Inflates off the event loop (zlib's thread pool), then parses in small batches between turns of it. */
export async function decodeSnapshot(encoded: Uint8Array): Promise<ClusterSnapshot> {
  const chunkSize = inflateChunkSize(encoded);
  const bytes = await gunzipAsync(encoded, chunkSize === undefined ? {} : { chunkSize });
  let start = 0;
  /** The next line's bounds, or null after the last. */
  const nextLine = (): Bounds | null => {
    if (start > bytes.length) return null;
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const bounds: Bounds = [start, end];
    start = end + 1;
    return bounds;
  };
  const parse = ([from, to]: Bounds) => JSON.parse(bytes.toString("utf8", from, to)) as unknown;
  const { topicCount, groupCount, format, groupLines, ...head } = parse(nextLine()!) as Omit<ClusterSnapshot, "topics" | "groups"> & {
    topicCount: number;
    groupCount: number;
    format?: number;
    /** Format 4: the groups in each summaries line. */
    groupLines?: number[];
  };
  if (format !== undefined && !(format >= 2 && format <= SNAPSHOT_FORMAT)) {
    throw new Error(`snapshot format ${format} is newer than this process reads (${SNAPSHOT_FORMAT})`);
  }
  const topicsAsColumns = format !== undefined && format >= 3;
  const groupsAsColumns = format !== undefined;
  const topics: TopicSnapshot[] = [];
  const groups: GroupSnapshot[] = [];
  /** Summaries whose partitions stay as text, and where their columns are in `bytes`. */
  const lazyTopics: [Omit<TopicSnapshot, "partitions">, Bounds][] = [];
  const lazyGroups: [Omit<GroupSnapshot, "partitions">, Bounds][] = [];
  const yieldEvery = async (rows: number) => {
    if (rows % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  /** The columns line that follows a summary. */
  const columnsAfter = (what: string, row: number) => {
    const columns = nextLine();
    if (columns === null) throw new Error(`snapshot ${what} ${row} has no partition columns`);
    return columns;
  };

  let rows = 0;
  for (let line = rows < topicCount ? nextLine() : null; line !== null; line = rows < topicCount ? nextLine() : null) {
    await yieldEvery(++rows);
    if (!topicsAsColumns) {
      const row = parse(line) as TopicSnapshot;
      // Older formats have no partitionCount (a row without partitions is caught by the count below).
      topics.push({ ...row, partitionCount: row.partitionCount ?? row.partitions?.length ?? 0 });
    } else lazyTopics.push([parse(line) as Omit<TopicSnapshot, "partitions">, columnsAfter("topic", rows)]);
  }
  /** Format 4: where the group lines start; they stay as text until something reads the groups (lazy-groups.ts). */
  let groupsStart = -1;
  if (format === SNAPSHOT_FORMAT) {
    groupsStart = start;
    // Only counted here: a line for each summaries line and each group.
    let lines = 0;
    for (let line = nextLine(); line !== null; line = nextLine()) lines++;
    const expected = (groupLines ?? []).reduce((total, count) => total + 1 + count, 0);
    const stated = (groupLines ?? []).reduce((total, count) => total + count, 0);
    if (lines !== expected || stated !== groupCount) {
      throw new Error(`snapshot has ${lines} group lines for ${stated} groups, expected ${expected} lines for ${groupCount}`);
    }
  } else {
    for (let line = nextLine(); line !== null; line = nextLine()) {
      await yieldEvery(++rows);
      if (groupsAsColumns) lazyGroups.push([parse(line) as Omit<GroupSnapshot, "partitions">, columnsAfter("group", rows)]);
      else groups.push(parse(line) as GroupSnapshot);
    }
  }
  // Partition and lag columns are copied out of the inflated text, which can then go unless format 4's
  // group lines keep it (they are most of it).
  const kept = Buffer.allocUnsafeSlow([...lazyTopics, ...lazyGroups].reduce((total, [, [from, to]]) => total + to - from, 0));
  let offset = 0;
  const keep = ([from, to]: Bounds): Bounds => [offset, (offset += bytes.copy(kept, offset, from, to))];
  const columnsAt = <T>([from, to]: Bounds) => JSON.parse(kept.toString("utf8", from, to)) as T;
  for (const [summary, columns] of lazyTopics) {
    const at = keep(columns);
    topics.push(withLazyPartitions<TopicSnapshot>(summary, () => fromPartitionColumns(columnsAt<PartitionColumns>(at))));
  }
  const topicsByName = new Map(topics.map((topic) => [topic.name, topic]));
  const partitionsOf = (name: string) => topicsByName.get(name)?.partitions;
  for (const [summary, columns] of lazyGroups) {
    const at = keep(columns);
    groups.push(
      withLazyPartitions<GroupSnapshot>(summary, () =>
        fromGroupLagColumns(columnsAt<CompactLagColumns | LagColumns>(at), summary.topics, partitionsOf, fromLagColumns),
      ),
    );
  }
  if (groupsStart >= 0) {
    if (topics.length !== topicCount) throw new Error(`snapshot has ${topics.length} topics, expected ${topicCount}`);
    return withLazyGroups({ ...head, topics }, { text: bytes, start: Math.min(groupsStart, bytes.length), lineGroups: groupLines! }, partitionsOf);
  }
  if (topics.length + groups.length !== topicCount + groupCount) {
    throw new Error(`snapshot has ${topics.length + groups.length} rows, expected ${topicCount + groupCount}`);
  }
  return { ...head, topics, groups } as ClusterSnapshot;
}
