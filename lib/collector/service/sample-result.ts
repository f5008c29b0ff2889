import { gunzip, gzipSync } from "node:zlib";
import { promisify } from "node:util";
import type { IntervalCounts } from "@/lib/collector/sample-windows";
import type { ClusterSnapshot } from "@/lib/collector/types";
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
 * gzip of one JSON line per topic and per group after a header line (the snapshot without them):
 * a web replica parses it a few hundred lines at a time, yielding between batches, so loading a
 * snapshot of 10,000 groups never holds its event loop for long, and no single string of the whole
 * snapshot is ever built on either side.
 */
export function encodeSnapshot(snapshot: ClusterSnapshot): Uint8Array {
  const { topics, groups, ...head } = snapshot;
  const lines = [JSON.stringify({ ...head, topicCount: topics.length, groupCount: groups.length })];
  for (const topic of topics) lines.push(JSON.stringify(topic));
  for (const group of groups) lines.push(JSON.stringify(group));
  return gzipSync(lines.join("\n"), { level: 6 });
}

const gunzipAsync = promisify(gunzip);
const LINES_PER_TURN = 250;

/** Inflates off the event loop (zlib's thread pool), then parses in small batches between turns of it. */
export async function decodeSnapshot(encoded: Uint8Array): Promise<ClusterSnapshot> {
  const bytes = await gunzipAsync(encoded);
  const lines: unknown[] = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    lines.push(JSON.parse(bytes.toString("utf8", start, end)));
    start = end + 1;
    if (lines.length % LINES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const { topicCount, groupCount, ...head } = lines[0] as Omit<ClusterSnapshot, "topics" | "groups"> & { topicCount: number; groupCount: number };
  if (lines.length !== 1 + topicCount + groupCount) throw new Error(`snapshot has ${lines.length - 1} rows, expected ${topicCount + groupCount}`);
  return {
    ...head,
    topics: lines.slice(1, 1 + topicCount) as ClusterSnapshot["topics"],
    groups: lines.slice(1 + topicCount) as ClusterSnapshot["groups"],
  } as ClusterSnapshot;
}
