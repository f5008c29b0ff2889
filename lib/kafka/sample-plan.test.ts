import { describe, expect, it } from "vitest";
import { createSamplerState, cutToBudget, markVisited, planSample, type PlanTopic, type PlannedPartition } from "@/lib/kafka/sample-plan";

const topic = (name: string, ends: number[], leaders = ends.map(() => 1), internal = false): PlanTopic => ({
  name,
  internal,
  partitions: ends.map((endOffset, partition) => ({ partition, leader: leaders[partition]!, startOffset: 0, endOffset })),
});
const budget = { recordsPerTopic: 20, bytesPerTopic: 64 * 1024 };
const flat = (plan: Map<number, PlannedPartition[]>) =>
  [...plan.values()].flat().map((entry) => [entry.topic, entry.partition, entry.fromOffset, entry.toOffset, entry.maxBytes]);

/** Plans and marks everything planned as read, like a sample whose fetches all succeed. */
function visit(state: ReturnType<typeof createSamplerState>, topics: PlanTopic[]) {
  const plan = planSample(state, topics, budget);
  for (const entries of plan.values()) for (const entry of entries) markVisited(state, entry);
  return plan;
}

describe("planSample", () => {
  it("only notes the end offsets on the first interval, then reads what was produced since", () => {
    const state = createSamplerState();
    expect(flat(visit(state, [topic("orders", [100, 50])]))).toEqual([]);
    expect(flat(visit(state, [topic("orders", [103, 50])]))).toEqual([["orders", 0, 100, 103, 64 * 1024]]);
    // Nothing new since the last visit: nothing to read.
    expect(flat(visit(state, [topic("orders", [103, 50])]))).toEqual([]);
  });

  it("reads a topic that appears later from its start, skips internal topics, groups by leader", () => {
    const state = createSamplerState();
    visit(state, [topic("orders", [0])]);
    const plan = visit(state, [topic("orders", [0]), topic("payments", [3, 4], [1, 2]), topic("__consumer_offsets", [9], [1], true)]);
    expect([...plan.keys()].sort()).toEqual([1, 2]);
    expect(plan.get(1)!.map((entry) => [entry.topic, entry.partition, entry.fromOffset, entry.toOffset, entry.maxBytes])).toEqual([["payments", 0, 0, 3, 32 * 1024]]);
    expect(plan.get(2)!.map((entry) => [entry.topic, entry.partition, entry.fromOffset, entry.toOffset])).toEqual([["payments", 1, 0, 4]]);
  });

  it("takes the newest records within the record budget and rotates the partitions so every one is visited", () => {
    const state = createSamplerState();
    visit(state, [topic("busy", [0, 0, 0, 0, 0, 0])]);
    // 50 new records per partition: the budget (20) is spent on the first partition from the cursor.
    expect(flat(visit(state, [topic("busy", [50, 50, 50, 50, 50, 50])]))).toEqual([["busy", 0, 30, 50, 64 * 1024]]);
    expect(flat(visit(state, [topic("busy", [50, 50, 50, 50, 50, 50])]))).toEqual([["busy", 1, 30, 50, 64 * 1024]]);
    const visited = [0, 1];
    for (let interval = 0; interval < 4; interval += 1) visited.push(...flat(visit(state, [topic("busy", [50, 50, 50, 50, 50, 50])])).map((entry) => entry[1] as number));
    expect(visited).toEqual([0, 1, 2, 3, 4, 5]);
    // All visited up to 50 now; partition 0 grows again and is the next one with news.
    expect(flat(visit(state, [topic("busy", [55, 50, 50, 50, 50, 50])]))).toEqual([["busy", 0, 50, 55, 64 * 1024]]);
  });

  it("spreads the budget over at most 4 partitions and splits the bytes between them", () => {
    const state = createSamplerState();
    visit(state, [topic("t", [0, 0, 0, 0, 0, 0])]);
    const plan = flat(visit(state, [topic("t", [2, 2, 2, 2, 2, 2])]));
    expect(plan).toEqual([0, 1, 2, 3].map((partition) => ["t", partition, 0, 2, 16 * 1024]));
    expect(flat(visit(state, [topic("t", [2, 2, 2, 2, 2, 2])]))).toEqual([4, 5].map((partition) => ["t", partition, 0, 2, 32 * 1024]));
  });

  it("does not advance a partition whose fetch failed: it is read on its next turn", () => {
    const state = createSamplerState();
    visit(state, [topic("t", [0])]);
    planSample(state, [topic("t", [5])], budget); // planned, never marked (the fetch failed)
    expect(flat(visit(state, [topic("t", [7])]))).toEqual([["t", 0, 0, 7, 64 * 1024]]);
  });

  it("skips partitions without a leader and forgets deleted topics", () => {
    const state = createSamplerState();
    visit(state, [topic("t", [0, 0])]);
    expect(flat(visit(state, [topic("t", [4, 4], [-1, 1])]))).toEqual([["t", 1, 0, 4, 64 * 1024]]);
    visit(state, []);
    expect(state.nextOffsets.size).toBe(0);
    expect(state.cursors.size).toBe(0);
  });
});

describe("cutToBudget", () => {
  const planned: PlannedPartition[] = [
    { topic: "t", partition: 0, leader: 1, fromOffset: 10, toOffset: 14, maxBytes: 1 },
    { topic: "t", partition: 1, leader: 1, fromOffset: 0, toOffset: 2, maxBytes: 1 },
  ];
  const record = (partition: number, offset: number, bytes = 10) => ({ topic: "t", partition, offset, bytes });

  it("drops records before the planned offset (whole batches come back) and at or after its end", () => {
    const records = [8, 9, 10, 11, 12, 13, 14].map((offset) => record(0, offset));
    expect(cutToBudget(records, planned, { recordsPerTopic: 20, bytesPerTopic: 1000 }).map((kept) => kept.offset)).toEqual([10, 11, 12, 13]);
  });

  it("keeps the newest records within the record budget, round-robin over partitions", () => {
    const records = [...[10, 11, 12, 13].map((offset) => record(0, offset)), record(1, 0), record(1, 1)];
    expect(cutToBudget(records, planned, { recordsPerTopic: 3, bytesPerTopic: 1000 }).map((kept) => [kept.partition, kept.offset])).toEqual([
      [0, 12],
      [0, 13],
      [1, 1],
    ]);
  });

  it("keeps records within the byte budget, skipping one that does not fit", () => {
    const records = [record(0, 10, 100), record(0, 11, 900), record(0, 12, 50), record(0, 13, 50)];
    expect(cutToBudget(records, planned, { recordsPerTopic: 20, bytesPerTopic: 250 }).map((kept) => kept.offset)).toEqual([10, 12, 13]);
  });
});
