// Integration (real broker + app): lag the collector reports for offsets this test committed,
// compared number for number with Kafka's own kafka-consumer-groups tool.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { parseConsumerGroupsDescribe, runKafkaTool } from "@/scripts/lib/local-kafka";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { fetchGroupOffsetsBatch, supportsBatchedOffsetFetch, type GroupOffsetsAnswer } from "@/lib/kafka/offset-fetch-batch";
import { takeRawSample } from "@/lib/kafka/raw-sample";
import { createKafka, createTopic, pollUntil, produceToEachPartition, readGroup, readSampleStartedAfter, sleep, stack, uniqueName } from "./support/live-stack";

const PARTITIONS = 3;
const PRODUCED = 40; // K messages per partition
const COMMITTED = 15; // C, committed per partition
const SAMPLES_WHILE_RACING = 60;

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
      // As [topic, [partition, offset][]] entries: the offsets are a read-only map in partition order (PartitionOffsetMap).
      const entriesOf = (answer: GroupOffsetsAnswer | undefined) =>
        answer && "committed" in answer ? [...answer.committed].map(([name, partitions]) => [name, [...partitions]]) : answer;
      expect(entriesOf(answers.get(groupId))).toEqual([[topic, Array.from({ length: PARTITIONS }, (_, partition) => [partition, COMMITTED])]]);
      expect(entriesOf(answers.get(neverCommitted))).toEqual([]);
    } finally {
      await resetKafkaClients(cluster.name);
    }
  });

  it("never has a commit beyond the end offset read in the same sample, while a consumer commits each record as it is produced", async () => {
    const cluster = { name: `it-sample-order-${process.pid}`, brokers: stack.brokers.split(","), ssl: false };
    const racingTopic = uniqueName("it.lag.racing");
    const racingGroup = uniqueName("it-lag-racing-group");
    await createTopic(admin, racingTopic, 1);
    // One record at a time, the next once the consumer has it (and commits it, threshold 1): the
    // end offset moves and the commit follows it within milliseconds, all through the samples.
    const consumer = createKafka("it-lag-racing").consumer({ groupId: racingGroup, maxWaitTimeInMs: 20 });
    await consumer.connect();
    await consumer.subscribe({ topic: racingTopic, fromBeginning: true });
    let consumed = 0;
    await consumer.run({ autoCommitThreshold: 1, eachMessage: async () => void (consumed += 1) });
    let running = true;
    let produced = 0;
    const racing = (async () => {
      while (running) {
        await producer.send({ topic: racingTopic, acks: -1, messages: [{ partition: 0, value: `r${produced}` }] });
        produced += 1;
        while (running && consumed < produced) await sleep(1);
      }
    })();
    const rows: { committed: number; end: number }[] = [];
    try {
      await pollUntil("the consumer's first commit", async () => (consumed > 0 ? true : undefined), { timeoutMs: 30_000 });
      for (let sample = 0; sample < SAMPLES_WHILE_RACING; sample++) {
        const raw = await takeRawSample(cluster);
        const committed = raw.groups.find((group) => group.groupId === racingGroup)?.committed.get(racingTopic)?.get(0);
        const end = raw.topics.find((candidate) => candidate.name === racingTopic)?.partitions[0]?.endOffset;
        if (committed !== undefined && end !== undefined) rows.push({ committed, end });
      }
    } finally {
      running = false;
      await racing;
      await consumer.disconnect();
      await resetKafkaClients(cluster.name);
      await admin.deleteGroups([racingGroup]).catch(() => undefined);
      await admin.deleteTopics({ topics: [racingTopic] }).catch(() => undefined);
    }
    console.log(`${rows.length} samples while ${produced} records were produced and committed one by one`);
    expect(rows).toHaveLength(SAMPLES_WHILE_RACING);
    // Commits are read before end offsets (read the other way round, 96 of 100 such samples had a
    // commit past the end offset here): a commit never exceeds the end offset of its sample.
    expect(rows.filter((row) => row.committed > row.end)).toEqual([]);
  });
});

