/**
 * Reads the tables printed by `kafka-consumer-groups --describe` (one per group, blank-line
 * separated), so tests can compare Tributary's lag with Kafka's own tool.
 */

export type ConsumerGroupDescribeRow = {
  group: string;
  topic: string;
  partition: number;
  /** Committed offset; null when the group has not committed for this partition ("-"). */
  currentOffset: number | null;
  logEndOffset: number | null;
  /** logEndOffset - currentOffset as Kafka computes it; null without a committed offset. */
  lag: number | null;
  /** Null when no active member owns the partition. */
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
};

const toText = (value: string | undefined) => (value === undefined || value === "-" ? null : value);
const toNumber = (value: string | undefined) => {
  const text = toText(value);
  return text === null ? null : Number(text);
};

/**
 * Parses stdout of `--describe` (with --group or --all-groups; extra columns such as --verbose's
 * LEADER-EPOCH are ignored). Lines that are not table rows ("has no active members", errors) are
 * skipped, and so are rows of members with no assigned partition (TOPIC and PARTITION "-").
 */
export function parseConsumerGroupsDescribe(stdout: string): ConsumerGroupDescribeRow[] {
  const rows: ConsumerGroupDescribeRow[] = [];
  let header: string[] | null = null;
  for (const line of stdout.split(/\r?\n/)) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) {
      header = null;
      continue;
    }
    if (tokens[0] === "GROUP" && tokens.includes("PARTITION")) {
      header = tokens;
      continue;
    }
    if (!header || tokens.length < header.length) continue;
    // A client id may contain spaces: whatever is beyond the last header column belongs to it.
    const cells = [...tokens.slice(0, header.length - 1), tokens.slice(header.length - 1).join(" ")];
    const byColumn = new Map(header.map((name, index) => [name, cells[index]]));
    const partition = toNumber(byColumn.get("PARTITION"));
    const topic = toText(byColumn.get("TOPIC"));
    if (partition === null || topic === null || Number.isNaN(partition)) continue;
    rows.push({
      group: byColumn.get("GROUP")!,
      topic,
      partition,
      currentOffset: toNumber(byColumn.get("CURRENT-OFFSET")),
      logEndOffset: toNumber(byColumn.get("LOG-END-OFFSET")),
      lag: toNumber(byColumn.get("LAG")),
      consumerId: toText(byColumn.get("CONSUMER-ID")),
      host: toText(byColumn.get("HOST")),
      clientId: toText(byColumn.get("CLIENT-ID")),
    });
  }
  return rows;
}

