import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  fromGroupSummaryColumns, toGroupLagColumns, fromGroupLagColumns, toGroupSummaryColumns, writeGroupLagLine, writeGroupSummaryLine,
} from "@/lib/collector/group-columns";
import { JsonLinesWriter } from "@/lib/collector/json-lines";
import { SampleLagRows, fromLagColumns, toLagColumns, withLazyPartitions, type LagRange } from "@/lib/collector/lag-columns";
import type { GroupPartitionLag, GroupSnapshot, GroupTopicSummary } from "@/lib/collector/types";

const summary = (topic: string, statusReason: string): GroupTopicSummary => ({
  topic, lag: 1, maxLag: 1, timeLagSeconds: null, timeLagEstimated: false, consumedPerSec: null, status: "OK", statusReason,
});

function groupOf(topics: GroupTopicSummary[], statusReason: string, partitions: GroupPartitionLag[] = []): GroupSnapshot {
  return {
    groupId: "g", state: "Empty", protocolType: "", members: [], topics, partitions, lag: 1, maxLag: 1, timeLagSeconds: 2.5, timeLagEstimated: true,
    consumedPerSec: 0, status: "OK", statusReason, catchUpSeconds: null,
  };
}

describe("group summaries as columns", () => {
  it("splits status reasons at their topic and partition and joins them back exactly", () => {
    const groups = [
      groupOf([summary("a", "a: lag is 0"), summary("a.b", "a.b[12]: lag grew from 1 to 9")], "a.b[12]: lag grew from 1 to 9"),
      // Names that prefix each other, brackets that are not a partition id, a reason naming no topic.
      groupOf([summary("a.b", "a.b: lag is 0"), summary("a", "a[01]: odd"), summary("x[1]", "x[1][3]: lag is 0")], "a: lag is 0"),
      groupOf([summary("t%/ü\n\"", "t%/ü\n\"[0]: lag is 0"), summary("u", "no committed offsets")], "no committed offsets"),
      groupOf([summary("a", "a[99999999999]: too long an id")], "a[]: empty"),
      groupOf([], "no committed offsets"),
    ];
    const columns = toGroupSummaryColumns(groups);
    expect(columns.groups.reason).toEqual([[1, 12, expect.any(Number)], [1, -1, expect.any(Number)], [-1, -1, expect.any(Number)], [-1, -1, expect.any(Number)], [-1, -1, expect.any(Number)]]);
    expect(columns.topics.reason.slice(0, 2).map(([topic, partition]) => [topic, partition])).toEqual([[0, -1], [0, 12]]);
    expect(columns.topics.reason[3]).toEqual([-1, -1, columns.strings.indexOf("a[01]: odd")]);
    expect(columns.topics.reason[4]!.slice(0, 2)).toEqual([0, 3]);
    // Repeated texts are stored once.
    expect(columns.strings.filter((text) => text === "lag is 0")).toHaveLength(1);
    const decoded = fromGroupSummaryColumns(JSON.parse(JSON.stringify(columns)));
    expect(decoded).toEqual(groups.map(({ partitions, ...group }) => group));
  });

  it("are written straight as bytes exactly as JSON.stringify writes the columns", () => {
    // Names and reasons with quotes, backslashes, control characters, non-ASCII and lone surrogates;
    // figures null, fractional, negative, huge and −0; members or none.
    const name = fc.oneof(fc.constantFrom("a", "a.b", "x[1]", 't%/ü\n"\\', "back\\slash", "tab\there", "\ud800", "x\udfff", "\ud83d\ude00", "日本", ""), fc.string({ unit: "binary", maxLength: 6 }));
    const figure = fc.oneof(fc.integer({ min: -3, max: 1e6 }), fc.double({ noNaN: true }), fc.constantFrom(-0, 2 ** 60, 1e21, 0.1));
    const status = fc.constantFrom("OK", "INCOMPLETE", "WARNING", "REWOUND", "STALLED", "STOPPED");
    const reason = (topics: string[]) =>
      fc.oneof(
        fc.constantFrom("no committed offsets", "a[]: empty", "a[01]: odd"),
        fc.tuple(fc.constantFrom(...(topics.length > 0 ? topics : ["none"])), fc.oneof(fc.constant(": "), fc.nat(99).map((partition) => `[${partition}]: `)), name).map((parts) => parts.join("")),
      );
    const topicSummary = name.chain((topic) =>
      fc.record({
        topic: fc.constant(topic), lag: figure, maxLag: figure, timeLagSeconds: fc.option(figure), timeLagEstimated: fc.boolean(),
        consumedPerSec: fc.option(figure), status, statusReason: reason([topic]),
      }),
    );
    const group = fc.array(topicSummary, { maxLength: 4 }).chain((topics) =>
      fc.record({
        groupId: name, state: name, protocolType: name,
        members: fc.oneof(fc.constant([]), fc.constant([{ memberId: "m-1", clientId: 'c"1', host: "/10.0.0.1", assignments: [{ topic: "a", partitions: [0, 2] }] }])),
        topics: fc.constant(topics), lag: figure, maxLag: figure, timeLagSeconds: fc.option(figure), timeLagEstimated: fc.boolean(),
        consumedPerSec: fc.option(figure), status, statusReason: reason(topics.map((topic) => topic.topic)), catchUpSeconds: fc.option(figure),
      }),
    );
    fc.assert(
      fc.property(fc.array(group, { maxLength: 6 }), (groups) => {
        const writer = new JsonLinesWriter(16);
        writeGroupSummaryLine(writer, groups as unknown as GroupSnapshot[]);
        expect(writer.finish().toString("utf8")).toBe(JSON.stringify(toGroupSummaryColumns(groups as unknown as GroupSnapshot[])));
      }),
      { numRuns: 400 },
    );
  });

  it("refuses summaries whose topic counts do not add up", () => {
    const columns = toGroupSummaryColumns([groupOf([summary("a", "a: x")], "a: x")]);
    columns.topicCount[0] = 0;
    expect(() => fromGroupSummaryColumns(columns)).toThrow(/1 topic rows, their counts say 0/);
  });
});

describe("a group's lag rows as columns", () => {
  const partitions = [
    { partition: 0, startOffset: 5, endOffset: 20 },
    { partition: 2, startOffset: 0, endOffset: 7 },
  ];
  const partitionsOf = (topic: string) => (topic === "a" ? partitions : topic === "b" ? [] : undefined);
  const rows: GroupPartitionLag[] = [
    { topic: "a", partition: 0, committedOffset: 3, endOffset: 20, startOffset: 5, lag: 15, timeLagSeconds: 4.5, timeLagEstimated: true, status: "STALLED" },
    { topic: "a", partition: 2, committedOffset: null, endOffset: 7, startOffset: 0, lag: 7, timeLagSeconds: null, timeLagEstimated: false, status: "INCOMPLETE" },
  ];

  it("leaves out what the topic's partitions say when the rows follow them, and builds the rows back", () => {
    const group = groupOf([summary("a", "a: x"), summary("b", "b: x")], "a: x", rows);
    const columns = toGroupLagColumns(group, partitionsOf);
    expect(columns).toEqual({ committed: [3, null], timeLag: [4.5, null], estimated: [1, 0], status: [2, 5] });
    expect(fromGroupLagColumns(JSON.parse(JSON.stringify(columns)), group.topics, partitionsOf, fromLagColumns)).toEqual(rows);
  });

  it("keeps full columns for rows that do not follow the topics' partitions", () => {
    const cases: [GroupTopicSummary[], GroupPartitionLag[]][] = [
      [[summary("a", "")], [rows[0]!, { ...rows[1]!, endOffset: 8, lag: 8 }]],
      [[summary("a", "")], [rows[0]!, { ...rows[1]!, lag: 6 }]],
      [[summary("a", "")], [rows[0]!]],
      [[summary("a", "")], [...rows, { ...rows[1]!, partition: 3 }]],
      [[summary("gone", "")], rows],
      [[summary("b", ""), summary("a", "")], [rows[1]!, rows[0]!]],
    ];
    for (const [topics, lagRows] of cases) {
      const group = groupOf(topics, "", lagRows);
      const columns = toGroupLagColumns(group, partitionsOf);
      expect(columns).toEqual(toLagColumns(lagRows));
      expect(fromGroupLagColumns(columns, topics, partitionsOf, fromLagColumns)).toEqual(lagRows);
    }
  });

  it("refuses compact columns whose rows its topics do not account for", () => {
    const topics = [summary("a", "")];
    expect(() => fromGroupLagColumns({ committed: [1], timeLag: [null], estimated: [0], status: [0] }, topics, partitionsOf, fromLagColumns)).toThrow(/1 lag rows, its topics 2/);
    expect(() => fromGroupLagColumns({ committed: [], timeLag: [], estimated: [], status: [] }, [summary("gone", "")], partitionsOf, fromLagColumns)).toThrow(/does not list/);
  });
});

describe("a derived group's lag line, written from the sample's columns", () => {
  const big = Number.MAX_SAFE_INTEGER - 10;
  const partitionsOf = (topic: string) =>
    topic === "a"
      ? [{ partition: 0, startOffset: 5, endOffset: 20 }, { partition: 2, startOffset: 0, endOffset: 7 }]
      : topic === "b/%ü"
        ? [{ partition: 0, startOffset: big - 100, endOffset: big }]
        : undefined;
  type Row = { topic: string; partition: number; committed: number; start: number; end: number; lag: number; timeLag: number; estimated: 0 | 1; status: number };
  /** A group whose rows sit in a SampleLagRows after another group's, as deriveGroup leaves them. */
  function derivedGroup(topics: string[], rows: Row[]): GroupSnapshot {
    const columns = new SampleLagRows(1);
    columns.reserve(rows.length + 1);
    const put = (at: number, row: Row) => {
      columns.topic[at] = columns.nameOf(row.topic);
      columns.partition[at] = row.partition;
      columns.committed[at] = row.committed;
      columns.start[at] = row.start;
      columns.end[at] = row.end;
      columns.lag[at] = row.lag;
      columns.timeLag[at] = row.timeLag;
      columns.estimated[at] = row.estimated;
      columns.status[at] = row.status;
    };
    put(0, { topic: "other", partition: 9, committed: 1, start: 0, end: 1, lag: 0, timeLag: 0, estimated: 0, status: 0 });
    rows.forEach((row, index) => put(index + 1, row));
    columns.length = rows.length + 1;
    const range: LagRange = { rows: columns, from: 1, to: rows.length + 1 };
    const { partitions: _, ...group } = groupOf(topics.map((topic) => summary(topic, "")), "");
    return withLazyPartitions<GroupSnapshot>(group, range);
  }
  const lineOf = (group: GroupSnapshot) => {
    const writer = new JsonLinesWriter(8);
    writer.line("head");
    writeGroupLagLine(writer, group, partitionsOf);
    return writer.finish().toString("utf8").split("\n")[1];
  };
  const following: Row[] = [
    { topic: "a", partition: 0, committed: 3, start: 5, end: 20, lag: 15, timeLag: 4.25, estimated: 1, status: 2 },
    { topic: "a", partition: 2, committed: Number.NaN, start: 0, end: 7, lag: 7, timeLag: Number.NaN, estimated: 0, status: 5 },
    { topic: "b/%ü", partition: 0, committed: big - 50, start: big - 100, end: big, lag: 50, timeLag: 1_234_567.891, estimated: 0, status: 3 },
  ];

  it("is JSON.stringify of its compact columns, byte for byte", () => {
    const group = derivedGroup(["a", "b/%ü"], following);
    const line = lineOf(group);
    expect(line).toBe(JSON.stringify(toGroupLagColumns(group, partitionsOf)));
    expect(JSON.parse(line!)).toEqual({ committed: [3, null, big - 50], timeLag: [4.25, null, 1_234_567.891], estimated: [1, 0, 0], status: [2, 5, 3] });
  });

  it("falls back to full columns, as toGroupLagColumns does, for rows that do not follow the topics' partitions", () => {
    const cases: [string[], Row[]][] = [
      [["a", "b/%ü"], [following[0]!, { ...following[1]!, lag: 6 }, following[2]!]],
      [["a", "b/%ü"], following.slice(0, 2)],
      [["a"], following],
      [["gone"], following],
    ];
    for (const [topics, rows] of cases) {
      const group = derivedGroup(topics, rows);
      const line = lineOf(group);
      expect(line).toBe(JSON.stringify(toGroupLagColumns(group, partitionsOf)));
      expect(JSON.parse(line!)).toHaveProperty("names");
    }
  });

  it("writes a group made by hand (rows as objects) as toGroupLagColumns does", () => {
    const rows: GroupPartitionLag[] = [
      { topic: "a", partition: 0, committedOffset: 3, endOffset: 20, startOffset: 5, lag: 15, timeLagSeconds: 4.5, timeLagEstimated: true, status: "STALLED" },
      { topic: "a", partition: 2, committedOffset: null, endOffset: 7, startOffset: 0, lag: 7, timeLagSeconds: null, timeLagEstimated: false, status: "INCOMPLETE" },
    ];
    const group = groupOf([summary("a", "")], "", rows);
    expect(lineOf(group)).toBe(JSON.stringify({ committed: [3, null], timeLag: [4.5, null], estimated: [1, 0], status: [2, 5] }));
  });
});
