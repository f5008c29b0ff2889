// Integration (real broker + app): lag the collector reports for offsets this test committed,
// compared number for number with Kafka's own kafka-consumer-groups tool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { parseConsumerGroupsDescribe, runKafkaTool } from "@/scripts/lib/local-kafka";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { fetchGroupOffsetsBatch, supportsBatchedOffsetFetch } from "@/lib/kafka/offset-fetch-batch";
import { createKafka, createTopic, produceToEachPartition, readGroup, readSampleStartedAfter, stack, uniqueName } from "./support/live-stack";

const PARTITIONS = 3;
const PRODUCED = 40; // K messages per partition
const COMMITTED = 15; // C, committed per partition

let admin: Admin;
let committedAt: number;
let producer: Producer;
const topic = uniqueName("it.lag");
const groupId = uniqueName("it-lag-group");

beforeAll(async () => {
  const kafka = createKafka("it-collector-lag");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  await createTopic(admin, topic, PARTITIONS);
  await produceToEachPartition(producer, topic, PARTITIONS, PRODUCED);
  // setOffsets joins the group briefly to commit, then leaves: afterwards it has no members.
  await admin.setOffsets({
    groupId,
    topic,
    partitions: Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: String(COMMITTED) })),
  });
  committedAt = Date.now();
});

afterAll(async () => {
  await admin?.deleteGroups([groupId]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

describe("consumer lag", () => {
  it("reports K−C per partition, as kafka-consumer-groups does", async () => {
    // setOffsets has left the group when it resolves; a sample begun before that may still list
    // its short-lived member, so read one that began afterwards.
    const { body } = await readSampleStartedAfter(() => readGroup(groupId), committedAt, 10 * stack.intervalMs + 10_000);
    const group = body.group;

    expect(body.freshness.stale).toBe(false);
    expect(group.members).toEqual([]);
    expect(group.state).toBe("Empty");
    expect(
      group.partitions.map(({ topic, partition, committedOffset, startOffset, endOffset, lag }: Record<string, unknown>) => ({
        topic, partition, committedOffset, startOffset, endOffset, lag,
      })),
    ).toEqual(
      Array.from({ length: PARTITIONS }, (_, partition) => ({
        topic, partition, committedOffset: COMMITTED, startOffset: 0, endOffset: PRODUCED, lag: PRODUCED - COMMITTED,
      })),
    );
    expect(group.lag).toBe(PARTITIONS * (PRODUCED - COMMITTED));
    expect(group.maxLag).toBe(PRODUCED - COMMITTED);
    expect(group.topics).toEqual([expect.objectContaining({ topic, lag: PARTITIONS * (PRODUCED - COMMITTED), maxLag: PRODUCED - COMMITTED })]);

    const tool = await runKafkaTool("kafka-consumer-groups", ["--bootstrap-server", stack.brokers, "--describe", "--group", groupId]);
    expect(tool.code, tool.stderr).toBe(0);
    const rows = parseConsumerGroupsDescribe(tool.stdout).sort((a, b) => a.partition - b.partition);
    expect(rows.map(({ group, topic, partition, currentOffset, logEndOffset, lag }) => ({ group, topic, partition, currentOffset, logEndOffset, lag }))).toEqual(
      group.partitions.map((partition: { partition: number; committedOffset: number; endOffset: number; lag: number }) => ({
        group: groupId,
        topic,
        partition: partition.partition,
        currentOffset: partition.committedOffset,
        logEndOffset: partition.endOffset,
        lag: partition.lag,
      })),
    );
  });

  it("is read with one multi-group OffsetFetch (v8), the collector's path on this broker", async () => {
    const cluster = { name: `it-offset-fetch-${process.pid}`, brokers: stack.brokers.split(","), ssl: false };
    try {
      const { cluster: internal } = await connectKafkaClients(cluster);
      await internal.metadata(); // fills the broker pool, as a sample does first
      const { coordinator } = await internal.findGroupCoordinatorMetadata({ groupId });
      const broker = await internal.findBroker({ nodeId: coordinator.nodeId });
      expect(supportsBatchedOffsetFetch(broker)).toBe(true);
      const neverCommitted = uniqueName("it-lag-no-offsets");
      const answers = await fetchGroupOffsetsBatch(broker, [groupId, neverCommitted]);
      expect(answers.get(groupId)).toEqual({
        committed: new Map([[topic, new Map(Array.from({ length: PARTITIONS }, (_, partition) => [partition, COMMITTED]))]]),
      });
      expect(answers.get(neverCommitted)).toEqual({ committed: new Map() });
    } finally {
      await resetKafkaClients(cluster.name);
    }
  });
});
