import { describe, expect, it } from "vitest";
import { listGroupPositions } from "@/lib/collector/group-positions";
import { wantedRecords, type RawGroup, type RawTopic } from "@/lib/kafka/raw-sample";

const rawTopic = (name: string, ends: number[], start: number, leader = 1): RawTopic => ({
  name,
  internal: false,
  partitions: ends.map((endOffset, partition) => ({ partition, leader, replicas: [leader], isr: [leader], offlineReplicas: [], startOffset: start, endOffset })),
});
const group = (groupId: string, committed: [string, [number, number][]][], assigned: string[] = []): RawGroup => ({
  groupId,
  state: assigned.length > 0 ? "Stable" : "Empty",
  protocolType: "consumer",
  members: assigned.length > 0 ? [{ memberId: "m", clientId: "c", host: "/h", assignments: assigned.map((topic) => ({ topic, partitions: [0] })) }] : [],
  committed: new Map(committed.map(([topic, offsets]) => [topic, new Map(offsets)])),
});

describe("wantedRecords", () => {
  it("wants the next record of every lagging position of listGroupPositions, each record once", () => {
    const topics = [rawTopic("orders/%ü", [100, 80, 60], 10), rawTopic("payments", [5, 0], 0, 2)];
    const groups = [
      group("a", [["orders/%ü", [[0, 90], [2, 4]]]]),
      // the same records as group a on orders, plus one further ahead, and a caught-up partition
      group("b", [["orders/%ü", [[0, 90], [1, 80], [2, 50]]]]),
      // no commit on payments, but assigned: counts from the start offset; a deleted topic is left out
      group("c", [["gone", [[0, 1]]]], ["payments"]),
    ];
    const topicsByName = new Map(topics.map((topic) => [topic.name, topic]));
    const expected = new Map<string, { topic: string; partition: number; offset: number; leader: number }>();
    for (const candidate of groups) {
      for (const position of listGroupPositions(candidate, topicsByName)) {
        if (position.lag === 0) continue;
        const leader = topicsByName.get(position.topic)!.partitions[position.partition]!.leader;
        expected.set(JSON.stringify([position.topic, position.partition, position.nextOffset]), { topic: position.topic, partition: position.partition, offset: position.nextOffset, leader });
      }
    }
    expect(wantedRecords(topics, groups)).toEqual([...expected.values()]);
    expect(wantedRecords(topics, groups)).toEqual([
      { topic: "orders/%ü", partition: 0, offset: 90, leader: 1 },
      { topic: "orders/%ü", partition: 1, offset: 10, leader: 1 },
      { topic: "orders/%ü", partition: 2, offset: 10, leader: 1 },
      { topic: "orders/%ü", partition: 2, offset: 50, leader: 1 },
      { topic: "payments", partition: 0, offset: 0, leader: 2 },
    ]);
  });
});
