import { describe, expect, it } from "vitest";
import { listGroupPositions, listMeasuredTopics, RecordMap } from "@/lib/collector/group-positions";

const topic = (name: string, ends: number[], start = 0) => ({
  name,
  partitions: ends.map((endOffset, partition) => ({ partition, startOffset: start, endOffset })),
});

describe("listGroupPositions", () => {
  it("lists every partition of a committed topic; one without a commit counts end − start", () => {
    const topics = new Map([["orders", topic("orders", [100, 80, 60], 10)]]);
    const positions = listGroupPositions({ committed: new Map([["orders", new Map([[0, 90], [2, 4]])]]), members: [] }, topics);
    expect(positions).toEqual([
      { topic: "orders", partition: 0, committedOffset: 90, startOffset: 10, endOffset: 100, nextOffset: 90, lag: 10 },
      // no commit: the next record is the first retained one
      { topic: "orders", partition: 1, committedOffset: null, startOffset: 10, endOffset: 80, nextOffset: 10, lag: 70 },
      // committed below the start offset (retention passed it): counts from the start
      { topic: "orders", partition: 2, committedOffset: 4, startOffset: 10, endOffset: 60, nextOffset: 10, lag: 50 },
    ]);
  });

  it("includes topics a member is assigned without any commit, and skips deleted topics", () => {
    const topics = new Map([
      ["b", topic("b", [5])],
      ["a", topic("a", [0, 3])],
    ]);
    const positions = listGroupPositions(
      {
        committed: new Map([["gone", new Map([[0, 1]])]]),
        members: [{ assignments: [{ topic: "b", partitions: [0] }, { topic: "a", partitions: [1] }] }],
      },
      topics,
    );
    expect(positions.map(({ topic: name, partition, committedOffset, lag }) => ({ name, partition, committedOffset, lag }))).toEqual([
      { name: "a", partition: 0, committedOffset: null, lag: 0 },
      { name: "a", partition: 1, committedOffset: null, lag: 3 },
      { name: "b", partition: 0, committedOffset: null, lag: 5 },
    ]);
  });

  it("orders topics as Array#sort orders strings (UTF-16 code units), whatever their names", () => {
    const names = ["orders", "Orders", "é.events", "e.events", "😀.x", "\uffff", "a/b%2F", "", "orders.v2", "order", "10", "9", "\u0000"];
    const committed = new Map(names.map((name) => [name, new Map([[0, 1]])]));
    const topics = new Map(names.map((name) => [name, topic(name, [5])]));
    expect(listMeasuredTopics({ committed, members: [] }, topics).map(({ name }) => name)).toEqual([...names].sort());
    const assigned = { committed: new Map([["m", new Map([[0, 1]])]]), members: [{ assignments: names.map((name) => ({ topic: name, partitions: [0] })) }] };
    expect(listMeasuredTopics(assigned, new Map([...topics, ["m", topic("m", [5])]])).map(({ name }) => name)).toEqual([...names, "m"].sort());
  });

  it("never reports negative lag (a commit beyond the end offset)", () => {
    const positions = listGroupPositions({ committed: new Map([["t", new Map([[0, 12]])]]), members: [] }, new Map([["t", topic("t", [10])]]));
    expect(positions[0]).toMatchObject({ nextOffset: 12, lag: 0 });
  });
});

describe("RecordMap", () => {
  it("keeps one value per topic, partition and offset, whatever the topic's name", () => {
    const map = RecordMap.of<number | null>([
      ["a\u00001", 2, 3, 10],
      ["a", 12, 3, 11],
      ["a", 1, 23, 12],
      ["a/%ü", 0, 0, null],
    ]);
    expect(map.size).toBe(4);
    expect(map.get("a\u00001", 2, 3)).toBe(10);
    expect(map.get("a", 12, 3)).toBe(11);
    expect(map.get("a", 1, 23)).toBe(12);
    expect(map.get("a/%ü", 0, 0)).toBeNull();
    expect(map.has("a/%ü", 0, 0)).toBe(true);
    expect(map.has("a", 1, 2)).toBe(false);
    expect(map.get("a", 1, 2)).toBeUndefined();
    map.set("a", 12, 3, 99);
    expect(map.size).toBe(4);
    expect(map.get("a", 12, 3)).toBe(99);
  });

  it("answers nothing for a partition it has no value for, below, between or above the ones it has, and refuses a partition that is no id", () => {
    const map = RecordMap.of([["t", 5, 1, "five"], ["t", 7, 1, "seven"]]);
    for (const partition of [0, 4, 6, 8, 1_000]) expect([map.has("t", partition, 1), map.get("t", partition, 1)]).toEqual([false, undefined]);
    expect([map.get("t", 5, 1), map.get("t", 7, 1), map.size]).toEqual(["five", "seven", 2]);
    for (const partition of [-1, 1.5, Number.NaN]) expect(() => map.set("t", partition, 1, "x")).toThrow(RangeError);
    expect(map.size).toBe(2);
  });

  it("keeps several offsets of one partition apart, the first one and the others alike", () => {
    const map = RecordMap.of<number | null>([
      ["t", 0, 40, 1],
      ["t", 0, 0, 2],
      ["t", 0, 7, null],
      ["t", 1, 40, 3],
    ]);
    expect(map.size).toBe(4);
    expect([map.get("t", 0, 40), map.get("t", 0, 0), map.get("t", 0, 7), map.get("t", 1, 40)]).toEqual([1, 2, null, 3]);
    expect([map.has("t", 0, 7), map.has("t", 0, 8), map.has("t", 1, 0), map.get("t", 1, 0), map.get("t", 0, 41)]).toEqual([true, false, false, undefined, undefined]);
    map.set("t", 0, 40, 10).set("t", 0, 0, 20).set("t", 0, 8, 30);
    expect([map.size, map.get("t", 0, 40), map.get("t", 0, 0), map.get("t", 0, 8), map.get("t", 0, 7)]).toEqual([5, 10, 20, 30, null]);
  });
});
