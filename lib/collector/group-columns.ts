import type { GroupMember, GroupPartitionLag, GroupSnapshot, GroupStatus, GroupTopicSummary, PartitionInfo } from "@/lib/collector/types";
import { LAG_STATUSES, lagColumnsOf, lagRangeOf, type LagColumns, type LagRange, type SampleLagRows } from "@/lib/collector/lag-columns";
import { nextOffsetOf } from "@/lib/collector/group-positions";
import type { JsonLinesWriter } from "@/lib/collector/json-lines";

// Groups as the published snapshot carries them from format 4: the summaries of a few hundred
// groups as one line of columns, and each group's lag rows without what the topics' own partition
// columns already say. At 10,000 groups, format 3's summaries were 9 MB of JSON objects a web
// replica parsed on every sample, most of it keys and status reasons that repeat a topic name
// another line already carries; its lag rows repeated every partition's id and start and end
// offsets once per group reading it.

/** Groups per summaries line: what a web replica parses between two turns of its event loop. */
export const GROUPS_PER_LINE = 250;

/**
 * A status reason split into the topic (and partition) it starts with and the rest, which repeats
 * across groups: `${topic}: ${text}` is [topic, -1, text], `${topic}[${partition}]: ${text}` is
 * [topic, partition, text], anything else [-1, -1, reason]. `topic` indexes the group's topics.
 */
type SplitReason = [topic: number, partition: number, text: number];

/** What a group and each of its topics summarize alike (GroupSnapshot, GroupTopicSummary), as columns. */
type SummaryColumns = {
  lag: number[];
  maxLag: number[];
  timeLag: (number | null)[];
  estimated: (0 | 1)[];
  consumed: (number | null)[];
  status: number[];
  reason: SplitReason[];
};
type Summary = Pick<GroupTopicSummary, "lag" | "maxLag" | "timeLagSeconds" | "timeLagEstimated" | "consumedPerSec" | "status" | "statusReason">;

export type GroupSummaryColumns = {
  /** Every string but group ids and members, once: the other columns hold indexes into it. */
  strings: string[];
  groupId: string[];
  state: number[];
  protocolType: number[];
  members: GroupMember[][];
  catchUp: (number | null)[];
  groups: SummaryColumns;
  /** Topic summaries of all the line's groups, in order; topicCount says how many are each group's. */
  topicCount: number[];
  topic: number[];
  topics: SummaryColumns;
};

/** Columns of `rows` rows, each filled by index: pushed one by one, they grew (and were copied) as they filled. */
const createSummaryColumns = (rows: number): SummaryColumns => ({
  lag: new Array(rows), maxLag: new Array(rows), timeLag: new Array(rows), estimated: new Array(rows), consumed: new Array(rows), status: new Array(rows), reason: new Array(rows),
});

/**
 * A group's lag rows without the topic, partition, start and end offsets and lag: those follow from
 * its topics' summaries (in order) and each topic's partitions (in order), as the collector derived
 * them. A group whose rows do not follow that way (only hand-made snapshots) keeps full LagColumns.
 */
export type CompactLagColumns = { committed: (number | null)[]; timeLag: (number | null)[]; estimated: (0 | 1)[]; status: number[] };

/**
 * The strings of one summaries line, each kept once (GroupSummaryColumns.strings). This and the
 * functions below belong to the module, not to each toGroupSummaryColumns call, so that V8 keeps
 * their optimized code from one sample to the next (BENCHMARKS.md, "closures compiled again every
 * sample").
 */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: string): number {
    let index = this.index.get(value);
    if (index === undefined) this.index.set(value, (index = this.strings.push(value) - 1));
    return index;
  }
}

/** splitReason's parts, written by splitReasonInto (it runs to completion). */
const REASON_PARTS = new Float64Array(3);

function splitReason(reason: string, topics: readonly GroupTopicSummary[] | null, single: string | null, strings: StringTable): SplitReason {
  splitReasonInto(REASON_PARTS, 0, reason, topics, single, strings);
  return [REASON_PARTS[0]!, REASON_PARTS[1]!, REASON_PARTS[2]!];
}

/** `topics`: the group's summaries, whose topics its reason may name; or null and `single`, the one topic a topic's reason names. */
function putSummary(columns: SummaryColumns, row: number, summary: Summary, topics: readonly GroupTopicSummary[] | null, single: string | null, strings: StringTable) {
  columns.lag[row] = summary.lag;
  columns.maxLag[row] = summary.maxLag;
  columns.timeLag[row] = summary.timeLagSeconds;
  columns.estimated[row] = summary.timeLagEstimated ? 1 : 0;
  columns.consumed[row] = summary.consumedPerSec;
  columns.status[row] = strings.intern(summary.status);
  columns.reason[row] = splitReason(summary.statusReason, topics, single, strings);
}

/**
 * The columns of one summaries line as objects: the format's reference, which writeGroupSummaryLine
 * writes as bytes directly (its tests hold the two equal) and fromGroupSummaryColumns reads back.
 */
export function toGroupSummaryColumns(groups: readonly GroupSnapshot[]): GroupSummaryColumns {
  const strings = new StringTable();
  let topicRows = 0;
  for (const group of groups) topicRows += group.topics.length;
  const column = <T>(rows: number) => new Array<T>(rows);
  const columns: GroupSummaryColumns = {
    strings: strings.strings,
    groupId: column(groups.length),
    state: column(groups.length),
    protocolType: column(groups.length),
    members: column(groups.length),
    catchUp: column(groups.length),
    groups: createSummaryColumns(groups.length),
    topicCount: column(groups.length),
    topic: column(topicRows),
    topics: createSummaryColumns(topicRows),
  };
  let topicRow = 0;
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index]!;
    columns.groupId[index] = group.groupId;
    columns.state[index] = strings.intern(group.state);
    columns.protocolType[index] = strings.intern(group.protocolType);
    columns.members[index] = group.members;
    columns.catchUp[index] = group.catchUpSeconds;
    putSummary(columns.groups, index, group, group.topics, null, strings);
    columns.topicCount[index] = group.topics.length;
    for (const summary of group.topics) {
      columns.topic[topicRow] = strings.intern(summary.topic);
      putSummary(columns.topics, topicRow, summary, null, summary.topic, strings);
      topicRow += 1;
    }
  }
  return columns;
}

/**
 * The summaries line of `groups`: JSON.stringify(toGroupSummaryColumns(groups)), byte for byte,
 * written straight into `writer`. Its strings are interned in a first pass (the table leads the
 * line), then each column is written from the groups themselves: the column arrays, the reasons'
 * [topic, partition, text] arrays and the line as one string were ~11 MB of garbage a sample at
 * 10,000 groups, for a line that is only ever bytes.
 */
export function writeGroupSummaryLine(writer: JsonLinesWriter, groups: readonly GroupSnapshot[]): void {
  const strings = new StringTable();
  let topicRows = 0;
  for (const group of groups) topicRows += group.topics.length;
  // Per group: state, protocol type, status and its reason's three parts; per topic: its name, status and reason.
  const groupIndexes = scratchOf(0, groups.length * GROUP_INDEXES);
  const topicIndexes = scratchOf(1, topicRows * TOPIC_INDEXES);
  // Interned in toGroupSummaryColumns' order, so that every index is the one it gives.
  let topicRow = 0;
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index]!;
    const at = index * GROUP_INDEXES;
    groupIndexes[at] = strings.intern(group.state);
    groupIndexes[at + 1] = strings.intern(group.protocolType);
    groupIndexes[at + 2] = strings.intern(group.status);
    splitReasonInto(groupIndexes, at + 3, group.statusReason, group.topics, null, strings);
    for (const summary of group.topics) {
      const topicAt = topicRow++ * TOPIC_INDEXES;
      topicIndexes[topicAt] = strings.intern(summary.topic);
      topicIndexes[topicAt + 1] = strings.intern(summary.status);
      splitReasonInto(topicIndexes, topicAt + 2, summary.statusReason, null, summary.topic, strings);
    }
  }

  writer.startLine();
  writer.utf8(`{"strings":${JSON.stringify(strings.strings)},"groupId":[`);
  for (let index = 0; index < groups.length; index++) {
    if (index > 0) writer.ascii(",");
    writeJsonString(writer, groups[index]!.groupId);
  }
  writeIndexes(writer, '],"state":[', groupIndexes, groups.length, GROUP_INDEXES, 0);
  writeIndexes(writer, '],"protocolType":[', groupIndexes, groups.length, GROUP_INDEXES, 1);
  writer.ascii('],"members":[');
  for (let index = 0; index < groups.length; index++) {
    if (index > 0) writer.ascii(",");
    const members = groups[index]!.members;
    if (members.length === 0) writer.ascii("[]");
    else writer.utf8(JSON.stringify(members));
  }
  writer.ascii('],"catchUp":[');
  for (let index = 0; index < groups.length; index++) {
    if (index > 0) writer.ascii(",");
    writeNumberOrNull(writer, groups[index]!.catchUpSeconds);
  }
  writer.ascii('],"groups":');
  writeSummaries(writer, groups, groupIndexes, GROUP_INDEXES, 2);
  writer.ascii(',"topicCount":[');
  for (let index = 0; index < groups.length; index++) {
    if (index > 0) writer.ascii(",");
    writer.number(groups[index]!.topics.length);
  }
  writeIndexes(writer, '],"topic":[', topicIndexes, topicRows, TOPIC_INDEXES, 0);
  writer.ascii('],"topics":');
  writeSummaries(writer, groups, topicIndexes, TOPIC_INDEXES, 1, true);
  writer.ascii("}");
}

const GROUP_INDEXES = 6;
const TOPIC_INDEXES = 5;
/** Two scratch columns of indexes, reused line after line (writeGroupSummaryLine runs to completion). */
const scratch: Float64Array[] = [new Float64Array(1024), new Float64Array(4096)];

function scratchOf(which: number, length: number): Float64Array {
  if (scratch[which]!.length < length) scratch[which] = new Float64Array(length * 2);
  return scratch[which]!;
}

/** `key`, then the index at `offset` of each of `rows` records of `width` values, with commas between. */
function writeIndexes(writer: JsonLinesWriter, key: string, indexes: Float64Array, rows: number, width: number, offset: number) {
  writer.ascii(key);
  for (let row = 0; row < rows; row++) {
    if (row > 0) writer.ascii(",");
    writer.number(indexes[row * width + offset]!);
  }
}

/** A SummaryColumns object: the groups' own summaries, or (`ofTopics`) every topic summary of every group in order. */
function writeSummaries(writer: JsonLinesWriter, groups: readonly GroupSnapshot[], indexes: Float64Array, width: number, statusAt: number, ofTopics = false) {
  // Indexed loops: called with seven different functions, `each` is not optimized into its callers,
  // and its for…of loops made an iterator result per summary (~1.8 MB a sample at 10,000 groups).
  const each = (write: (summary: Summary) => void) => {
    let first = true;
    for (let index = 0; index < groups.length; index++) {
      const group = groups[index]!;
      if (!ofTopics) {
        if (!first) writer.ascii(",");
        first = false;
        write(group);
        continue;
      }
      const topics = group.topics;
      for (let topic = 0; topic < topics.length; topic++) {
        if (!first) writer.ascii(",");
        first = false;
        write(topics[topic]!);
      }
    }
  };
  writer.ascii('{"lag":[');
  each((summary) => writer.number(summary.lag));
  writer.ascii('],"maxLag":[');
  each((summary) => writer.number(summary.maxLag));
  writer.ascii('],"timeLag":[');
  each((summary) => writeNumberOrNull(writer, summary.timeLagSeconds));
  writer.ascii('],"estimated":[');
  each((summary) => writer.ascii(summary.timeLagEstimated ? "1" : "0"));
  writer.ascii('],"consumed":[');
  each((summary) => writeNumberOrNull(writer, summary.consumedPerSec));
  let row = 0;
  writer.ascii('],"status":[');
  each(() => writer.number(indexes[row++ * width + statusAt]!));
  row = 0;
  writer.ascii('],"reason":[');
  each(() => {
    const at = row++ * width + statusAt + 1;
    writer.ascii("[");
    writer.number(indexes[at]!);
    writer.ascii(",");
    writer.number(indexes[at + 1]!);
    writer.ascii(",");
    writer.number(indexes[at + 2]!);
    writer.ascii("]");
  });
  writer.ascii("]}");
}

/** A number as JSON.stringify writes one in an array: null (and undefined) as null. */
function writeNumberOrNull(writer: JsonLinesWriter, value: number | null | undefined) {
  if (value == null) writer.ascii("null");
  else writer.number(value);
}

/** A string as JSON.stringify writes it; one that needs escaping (quotes, backslashes, control characters, surrogates) by JSON.stringify itself. */
function writeJsonString(writer: JsonLinesWriter, value: string) {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) {
      writer.utf8(JSON.stringify(value));
      return;
    }
  }
  writer.ascii('"');
  writer.utf8(value);
  writer.ascii('"');
}

/**
 * splitReason's [topic, partition, text] into `target` from `at`, for a reason among `topics`'
 * summaries (a group's) or of the one topic `single`, without an array of the names or of the parts.
 */
function splitReasonInto(target: Float64Array, at: number, reason: string, topics: readonly GroupTopicSummary[] | null, single: string | null, strings: StringTable) {
  const count = topics ? topics.length : 1;
  for (let position = 0; position < count; position++) {
    const topic = topics ? topics[position]!.topic : single!;
    if (!reason.startsWith(topic) || reason.length <= topic.length) continue;
    if (reason.startsWith(": ", topic.length)) {
      target[at] = position;
      target[at + 1] = -1;
      target[at + 2] = strings.intern(reason.slice(topic.length + 2));
      return;
    }
    const close = reason.indexOf("]: ", topic.length);
    if (reason[topic.length] !== "[" || close < 0) continue;
    const digits = reason.slice(topic.length + 1, close);
    if (PARTITION_DIGITS.test(digits)) {
      target[at] = position;
      target[at + 1] = Number(digits);
      target[at + 2] = strings.intern(reason.slice(close + 3));
      return;
    }
  }
  target[at] = -1;
  target[at + 1] = -1;
  target[at + 2] = strings.intern(reason);
}

/** Only a partition id exactly as it would be printed back. */
const PARTITION_DIGITS = /^(0|[1-9][0-9]{0,9})$/;

/**
 * Strings made while decoding one snapshot, each kept once: status reasons and topic names. A
 * reason is its topic (and partition) joined to a text the encoder wrote once per line, and many
 * groups' reasons read alike: made anew for each group and topic with a template, each was a chain
 * of 3–5 concatenated strings, 4.6 of the 15 MB a web replica held for 10,000 groups' summaries
 * (BENCHMARKS.md). A topic name is in the strings of every line whose groups read it: 30,000 copies
 * of 1,000 names there.
 */
export type SharedStrings = Map<string, string>;

/**
 * The groups of one summaries line, without their `partitions` (the caller attaches those). Pass one
 * `shared` to every line of a snapshot. Each group and topic summary is made as one object literal
 * with all its fields, and each group's topics array at its size: built by spreads and pushes, at
 * 10,000 groups their properties out of line took 2.7 MB and the topics arrays 1.6 MB (now 0.4 and
 * 0.5 MB, and the objects themselves 1.8 MB more).
 */
export function fromGroupSummaryColumns(columns: GroupSummaryColumns, shared: SharedStrings = new Map()): Omit<GroupSnapshot, "partitions">[] {
  const { strings } = columns;
  const once = (value: string) => {
    const kept = shared.get(value);
    if (kept !== undefined) return kept;
    shared.set(value, value);
    return value;
  };
  /** `topicAt` names the topic at an index of the reason's topics (the group's, or the one topic's). */
  const reasonOf = (summaries: SummaryColumns, row: number, topicAt: (index: number) => string | undefined): string => {
    const [topic, partition, text] = summaries.reason[row]!;
    const rest = strings[text]!;
    // A topic index out of range (only a malformed line has one) names none.
    const name = (topic < 0 ? undefined : topicAt(topic)) ?? null;
    // The reason as a template makes it, only to look it up.
    const made = name === null ? rest : partition < 0 ? `${name}: ${rest}` : `${name}[${partition}]: ${rest}`;
    const kept = shared.get(made);
    if (kept !== undefined) return kept;
    // join() makes one flat string where concatenation makes a chain.
    const reason = name === null ? rest : (partition < 0 ? [name, ": ", rest] : [name, "[", partition, "]: ", rest]).join("");
    shared.set(reason, reason);
    return reason;
  };
  const { groups: groupColumns, topics: topicColumns } = columns;
  const groups: Omit<GroupSnapshot, "partitions">[] = new Array(columns.groupId.length);
  let row = 0;
  for (let index = 0; index < columns.groupId.length; index++) {
    const topics: GroupTopicSummary[] = new Array(columns.topicCount[index]!);
    for (let at = 0; at < topics.length; at++, row++) {
      const topic = once(strings[columns.topic[row]!]!);
      topics[at] = {
        topic,
        lag: topicColumns.lag[row]!,
        maxLag: topicColumns.maxLag[row]!,
        timeLagSeconds: topicColumns.timeLag[row]!,
        timeLagEstimated: topicColumns.estimated[row] === 1,
        consumedPerSec: topicColumns.consumed[row]!,
        status: strings[topicColumns.status[row]!] as GroupStatus,
        statusReason: reasonOf(topicColumns, row, (index) => (index === 0 ? topic : undefined)),
      };
    }
    groups[index] = {
      groupId: columns.groupId[index]!,
      state: strings[columns.state[index]!]!,
      protocolType: strings[columns.protocolType[index]!]!,
      members: columns.members[index]!,
      topics,
      lag: groupColumns.lag[index]!,
      maxLag: groupColumns.maxLag[index]!,
      timeLagSeconds: groupColumns.timeLag[index]!,
      timeLagEstimated: groupColumns.estimated[index] === 1,
      consumedPerSec: groupColumns.consumed[index]!,
      status: strings[groupColumns.status[index]!] as GroupStatus,
      statusReason: reasonOf(groupColumns, index, (topic) => topics[topic]?.topic),
      catchUpSeconds: columns.catchUp[index]!,
    };
  }
  if (row !== columns.topic.length) throw new Error(`group summaries hold ${columns.topic.length} topic rows, their counts say ${row}`);
  return groups;
}

/** A topic's partitions by name, as the snapshot lists them (the rows a group's compact columns follow). */
export type PartitionsOf = (topic: string) => readonly Pick<PartitionInfo, "partition" | "startOffset" | "endOffset">[] | undefined;

/**
 * The group's lag rows as compact columns when they follow from its topics' partitions, else as
 * full LagColumns. Checking costs a comparison per row; it keeps the encoding exact for any input.
 * A group the collector derived is written by writeGroupLagLine from its sample's columns instead.
 */
export function toGroupLagColumns(group: GroupSnapshot, partitionsOf: PartitionsOf): CompactLagColumns | LagColumns {
  const columns = lagColumnsOf(group);
  let row = 0;
  let follows = true;
  for (const summary of group.topics) {
    const partitions = partitionsOf(summary.topic);
    if (!partitions) follows = false;
    for (let index = 0; follows && index < partitions!.length; index++, row++) {
      const { partition, startOffset, endOffset } = partitions![index]!;
      const committed = columns.committed[row] ?? null;
      follows =
        row < columns.topic.length &&
        columns.names[columns.topic[row]!] === summary.topic &&
        columns.partition[row] === partition &&
        columns.start[row] === startOffset &&
        columns.end[row] === endOffset &&
        columns.lag[row] === Math.max(0, endOffset - nextOffsetOf(committed, startOffset));
    }
    if (!follows) break;
  }
  if (!follows || row !== columns.topic.length) return columns;
  return { committed: columns.committed, timeLag: columns.timeLag, estimated: columns.estimated, status: columns.status };
}

/** Whether the range's rows are exactly the topics' partitions in order, with the lag their offsets give (what compact columns leave out). */
function rangeFollows({ rows, from, to }: LagRange, topics: readonly GroupTopicSummary[], partitionsOf: PartitionsOf): boolean {
  // Rows deriveGroup wrote from the very partitions arrays the snapshot lists follow them by
  // construction (SampleLagRows.derivedFrom): a lookup per topic instead of five comparisons per row
  // (~2% of the collector's CPU at 10,000 groups).
  if (rows.derivedFrom !== null && derivedFromTheSame(rows.derivedFrom, to - from, topics, partitionsOf)) return true;
  let row = from;
  for (const summary of topics) {
    const partitions = partitionsOf(summary.topic);
    if (!partitions) return false;
    for (let index = 0; index < partitions.length; index++, row++) {
      const { partition, startOffset, endOffset } = partitions[index]!;
      if (row >= to) return false;
      const committedValue = rows.committed[row]!;
      const committed = Number.isNaN(committedValue) ? null : committedValue;
      const follows =
        rows.names[rows.topic[row]!] === summary.topic &&
        rows.partition[row] === partition &&
        rows.start[row] === startOffset &&
        rows.end[row] === endOffset &&
        rows.lag[row] === Math.max(0, endOffset - nextOffsetOf(committed, startOffset));
      if (!follows) return false;
    }
  }
  return row === to;
}

/** Whether each topic's partitions are the array the rows were derived from, and together as many as the rows. */
function derivedFromTheSame(
  source: NonNullable<SampleLagRows["derivedFrom"]>,
  rowCount: number,
  topics: readonly GroupTopicSummary[],
  partitionsOf: PartitionsOf,
): boolean {
  let count = 0;
  for (let index = 0; index < topics.length; index++) {
    const topic = topics[index]!.topic;
    const partitions = partitionsOf(topic);
    if (partitions === undefined || partitions !== source.get(topic)?.partitions) return false;
    count += partitions.length;
  }
  return count === rowCount;
}

/**
 * The group's lag line of the published snapshot: JSON.stringify(toGroupLagColumns(group)), byte
 * for byte, but written straight from the sample's columns when the collector derived the group
 * and its rows follow the topics' partitions (every group of a sample, in practice).
 */
export function writeGroupLagLine(writer: JsonLinesWriter, group: GroupSnapshot, partitionsOf: PartitionsOf): void {
  const range = lagRangeOf(group);
  if (!range || !rangeFollows(range, group.topics, partitionsOf)) {
    writer.line(JSON.stringify(toGroupLagColumns(group, partitionsOf)));
    return;
  }
  const { rows, from, to } = range;
  writer.startLine();
  // The keys in CompactLagColumns' order; NaN (no commit, no time lag) is written as null.
  writeColumn(writer, '{"committed":[', rows.committed, from, to);
  writeColumn(writer, '],"timeLag":[', rows.timeLag, from, to);
  writeColumn(writer, '],"estimated":[', rows.estimated, from, to, true);
  writeColumn(writer, '],"status":[', rows.status, from, to);
  writer.ascii("]}");
}

/** `key`, then the values from `from` up to `to` with commas between; `flag`: as 1 or 0. */
function writeColumn(writer: JsonLinesWriter, key: string, values: Float64Array | Uint8Array, from: number, to: number, flag = false) {
  writer.ascii(key);
  for (let row = from; row < to; row++) {
    if (row > from) writer.ascii(",");
    writer.number(flag ? (values[row] === 1 ? 1 : 0) : values[row]!);
  }
}

/** The group's lag rows from either form; compact columns read the topics' partitions through `partitionsOf`. */
export function fromGroupLagColumns(
  columns: CompactLagColumns | LagColumns,
  topics: readonly GroupTopicSummary[],
  partitionsOf: PartitionsOf,
  fromFull: (columns: LagColumns) => GroupPartitionLag[],
): GroupPartitionLag[] {
  if ("names" in columns) return fromFull(columns);
  const rows: GroupPartitionLag[] = [];
  for (const { topic } of topics) {
    const partitions = partitionsOf(topic);
    if (!partitions) throw new Error(`lag rows on topic ${JSON.stringify(topic)}, which the snapshot does not list`);
    for (const { partition, startOffset, endOffset } of partitions) {
      const row = rows.length;
      const committedOffset = columns.committed[row] ?? null;
      rows.push({
        topic,
        partition,
        committedOffset,
        endOffset,
        startOffset,
        lag: Math.max(0, endOffset - nextOffsetOf(committedOffset, startOffset)),
        timeLagSeconds: columns.timeLag[row] ?? null,
        timeLagEstimated: columns.estimated[row] === 1,
        status: LAG_STATUSES[columns.status[row]!]!,
      });
    }
  }
  if (rows.length !== columns.committed.length) throw new Error(`group has ${columns.committed.length} lag rows, its topics ${rows.length}`);
  return rows;
}

