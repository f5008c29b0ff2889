// Integration (real broker + app): time lag is the age of the next record a group reads, read from
// Kafka; partitions of a consumed topic without a commit are listed with lag end − start. Offsets
// are committed with Kafka's own kafka-consumer-groups tool (a client that is not kafkajs).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { runKafkaTool } from "@/scripts/lib/local-kafka";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { readRecordTimestamps } from "@/lib/kafka/record-timestamps";
import { RecordMap } from "@/lib/collector/group-positions";
import {
  clusterPath, createKafka, createTopic, getJson, readGroup, readNextSample, readSampleStartedAfter, readTopic, stack, uniqueName,
} from "./support/live-stack";

let admin: Admin;
let producer: Producer;
const topics: string[] = [];
const groups: string[] = [];

beforeAll(async () => {
  const kafka = createKafka("it-collector-time-lag");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await admin?.deleteGroups(groups).catch(() => undefined);
  await admin?.deleteTopics({ topics }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

async function newTopic(prefix: string, partitions: number) {
  const topic = uniqueName(prefix);
  topics.push(topic);
  await createTopic(admin, topic, partitions);
  return topic;
}

/** Commits `offset` for the group on `topicSpec` ("topic" or "topic:0,1") with kafka-consumer-groups. */
async function commitWithKafkaTool(groupId: string, topicSpec: string, offset: number) {
  groups.push(groupId);
  const tool = await runKafkaTool("kafka-consumer-groups", [
    "--bootstrap-server", stack.brokers, "--group", groupId, "--topic", topicSpec, "--reset-offsets", "--to-offset", String(offset), "--execute",
  ]);
  expect(tool.code, tool.stderr).toBe(0);
}

/** Samples of a group, each newer than the last, until `until` holds (at most `maxSamples`). */
async function sampleUntil(groupId: string, after: number, until: (body: any) => boolean, maxSamples: number) {
  let response = await readSampleStartedAfter(() => readGroup(groupId), after, 10 * stack.intervalMs + 10_000);
  for (let seen = 1; !until(response.body); seen++) {
    if (seen >= maxSamples) throw new Error(`condition not met in ${maxSamples} samples; last: ${JSON.stringify(response.body.group)}`);
    response = await readNextSample(() => readGroup(groupId), response.body.freshness.sampledAt);
  }
  return response.body;
}

describe("time lag", () => {
  it("is now − the timestamp of the record at the committed offset, growing with the clock while nothing moves", async () => {
    const topic = await newTopic("it.timelag", 1);
    const groupId = uniqueName("it-timelag-group");
    const K = 20;
    const C = 7;
    // The record at the commit point is 600 s old; its neighbours one second apart.
    const tC = Date.now() - 600_000;
    const timestampOf = (offset: number) => tC + (offset - C) * 1000;
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: K }, (_, offset) => ({ partition: 0, value: `m${offset}`, timestamp: String(timestampOf(offset)) })),
    });
    await commitWithKafkaTool(groupId, topic, C);
    const committedAt = Date.now();
    // Production is paused from here on: nothing else is written to the topic.

    // The first read of the record may miss a sample's time budget on a busy machine (then that
    // sample is an estimate); once read it is cached, so every later sample is exact.
    const first = await sampleUntil(
      groupId,
      committedAt,
      (body) => body.group.partitions[0]?.committedOffset === C && body.group.timeLagEstimated === false,
      10,
    );
    const second = (await readNextSample(() => readGroup(groupId), first.freshness.sampledAt)).body;
    const third = (await readNextSample(() => readGroup(groupId), second.freshness.sampledAt)).body;

    for (const body of [first, second, third]) {
      const expected = (body.freshness.sampledAt - tC) / 1000;
      const [partition] = body.group.partitions;
      expect(partition).toMatchObject({ partition: 0, committedOffset: C, startOffset: 0, endOffset: K, lag: K - C, timeLagEstimated: false });
      // Exact: the collector computes (sampledAt − T_C) / 1000 from the record's own timestamp.
      expect(partition.timeLagSeconds).toBeCloseTo(expected, 3);
      expect(Math.abs(body.group.timeLagSeconds - expected)).toBeLessThan(stack.intervalMs / 1000);
      expect(body.group).toMatchObject({ lag: K - C, timeLagEstimated: false, timeLagSeconds: partition.timeLagSeconds });
      expect(body.group.topics).toEqual([expect.objectContaining({ topic, lag: K - C, timeLagSeconds: partition.timeLagSeconds, timeLagEstimated: false })]);
    }
    // Consumer stopped, production paused: time lag grows exactly as fast as the clock.
    expect(third.group.timeLagSeconds - first.group.timeLagSeconds).toBeCloseTo((third.freshness.sampledAt - first.freshness.sampledAt) / 1000, 3);
    expect(third.freshness.sampledAt).toBeGreaterThan(first.freshness.sampledAt);

    // The topic's readers and the groups list carry the same numbers and flag.
    const topicBody = (await readTopic(topic))!.body;
    const reader = topicBody.readers.find((entry: { groupId: string }) => entry.groupId === groupId);
    expect(reader).toMatchObject({ lag: K - C, timeLagEstimated: false });
    expect(reader.timeLagSeconds).toBeCloseTo((topicBody.freshness.sampledAt - tC) / 1000, 3);
    const list = await getJson(clusterPath(`/groups?search=${encodeURIComponent(groupId)}`));
    expect(list.status).toBe(200);
    expect(list.body.rows).toEqual([expect.objectContaining({ groupId, lag: K - C, timeLagEstimated: false })]);
  });
});

describe("time lag without the record's timestamp", () => {
  it("falls back to the offset→time table and says it is an estimate", async () => {
    const topic = await newTopic("it.timelag.estimate", 1);
    const groupId = uniqueName("it-timelag-estimate");
    // Records without a timestamp (-1, as pre-0.10 clients wrote them): nothing exact to read.
    await producer.send({ topic, acks: -1, messages: Array.from({ length: 5 }, (_, offset) => ({ partition: 0, value: `m${offset}`, timestamp: "-1" })) });
    await commitWithKafkaTool(groupId, topic, 2);
    const committedAt = Date.now();
    // The table needs two samples of the end offset before it can estimate anything.
    const body = await sampleUntil(groupId, committedAt, (candidate) => candidate.group.partitions[0]?.committedOffset === 2 && candidate.group.timeLagSeconds !== null, 10);
    const [partition] = body.group.partitions;
    expect(partition).toMatchObject({ committedOffset: 2, endOffset: 5, lag: 3, timeLagEstimated: true });
    // The end offset sat at 5 for the whole table: the estimate is the age of its first point, a
    // lower bound, at most the time since the topic was created.
    expect(partition.timeLagSeconds).toBeGreaterThan(0);
    expect(partition.timeLagSeconds).toBeLessThanOrEqual((body.freshness.sampledAt - committedAt) / 1000 + 60);
    expect(body.group).toMatchObject({ timeLagEstimated: true, timeLagSeconds: partition.timeLagSeconds });
    expect(body.group.topics[0]).toMatchObject({ timeLagEstimated: true, timeLagSeconds: partition.timeLagSeconds });
  });
});

describe("partitions without a commit", () => {
  it("are listed with committedOffset null and lag end − start, and counted in every total", async () => {
    const topic = await newTopic("it.nocommit", 3);
    const groupId = uniqueName("it-nocommit-group");
    const produced = [10, 20, 30];
    // Each partition's records a minute older than the previous partition's.
    const base = Date.now() - 120_000;
    const timestampOf = (partition: number, offset: number) => base - partition * 60_000 + offset * 1000;
    for (const [partition, count] of produced.entries()) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: count }, (_, offset) => ({ partition, value: `p${partition}-m${offset}`, timestamp: String(timestampOf(partition, offset)) })),
      });
    }
    // Partition 2 starts at offset 5, so its lag is end − start = 25, not its end offset.
    // (kafka-delete-records: kafkajs's deleteTopicRecords fails against this Kafka version.)
    const offsetsFile = path.join(mkdtempSync(path.join(tmpdir(), "it-nocommit-")), "offsets.json");
    writeFileSync(offsetsFile, JSON.stringify({ version: 1, partitions: [{ topic, partition: 2, offset: 5 }] }));
    const deleted = await runKafkaTool("kafka-delete-records", ["--bootstrap-server", stack.brokers, "--offset-json-file", offsetsFile]);
    expect(deleted.code, deleted.stderr).toBe(0);
    rmSync(path.dirname(offsetsFile), { recursive: true, force: true });
    await commitWithKafkaTool(groupId, `${topic}:0,1`, 4);
    const committedAt = Date.now();

    // As above, the first read of a record may miss one sample's budget; it is exact once read.
    const body = await sampleUntil(
      groupId,
      committedAt,
      (candidate) => candidate.group.partitions.length === 3 && candidate.group.partitions[2].startOffset === 5 && !candidate.group.timeLagEstimated,
      10,
    );
    expect(
      body.group.partitions.map(({ partition, committedOffset, startOffset, endOffset, lag }: Record<string, unknown>) => ({
        partition, committedOffset, startOffset, endOffset, lag,
      })),
    ).toEqual([
      { partition: 0, committedOffset: 4, startOffset: 0, endOffset: 10, lag: 6 },
      { partition: 1, committedOffset: 4, startOffset: 0, endOffset: 20, lag: 16 },
      { partition: 2, committedOffset: null, startOffset: 5, endOffset: 30, lag: 25 },
    ]);
    const total = 6 + 16 + 25;
    expect(body.group).toMatchObject({ lag: total, maxLag: 25 });
    expect(body.group.topics).toEqual([expect.objectContaining({ topic, lag: total, maxLag: 25 })]);
    // The no-commit partition's next record is its first retained one (offset 5): its time lag is
    // that record's age, the oldest next record of the three, so the group's time lag.
    const noCommit = body.group.partitions[2];
    expect(noCommit.timeLagEstimated).toBe(false);
    expect(noCommit.timeLagSeconds).toBeCloseTo((body.freshness.sampledAt - timestampOf(2, 5)) / 1000, 3);
    expect(body.group.timeLagSeconds).toBe(noCommit.timeLagSeconds);

    const topicBody = (await readTopic(topic))!.body;
    expect(topicBody.readers).toEqual([expect.objectContaining({ groupId, lag: total, maxLag: 25 })]);
    const list = await getJson(clusterPath(`/groups?search=${encodeURIComponent(groupId)}`));
    expect(list.body.rows).toEqual([expect.objectContaining({ groupId, lag: total })]);

    const metrics = await fetch(`${stack.appUrl}/api/metrics`, { signal: AbortSignal.timeout(20_000) }).then((response) => response.text());
    const series = `tributary_consumer_group_lag_messages{cluster="local",group="${groupId}",topic="${topic}"}`;
    expect(metrics.split("\n").filter((line) => line.startsWith(series))).toEqual([`${series} ${total}`]);
  });
});

describe("reading record timestamps from the broker", () => {
  const cluster = { name: `it-timestamps-${process.pid}`, brokers: [] as string[], ssl: false };

  afterAll(async () => {
    await resetKafkaClients(cluster.name);
  });

  it("reads records inside batches larger than the per-partition limit with one request per pass, then from the cache alone", async () => {
    cluster.brokers = stack.brokers.split(",");
    const topic = await newTopic("it.timestamps", 3);
    const base = Date.now() - 300_000;
    // Partition 0: small records. Partitions 1 and 2: one batch of 40 × 1 KiB each (about 40 KiB,
    // several times the 8 KiB first-pass limit), so only the first non-empty partition in the
    // answer comes back whole (KIP-74) and the other is truncated and asked again.
    const payload = "x".repeat(1024);
    for (const partition of [0, 1, 2]) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 40 }, (_, offset) => ({
          partition,
          value: partition === 0 ? `m${offset}` : payload,
          timestamp: String(base + partition * 100_000 + offset * 1000),
        })),
      });
    }
    const { cluster: internal } = await connectKafkaClients(cluster);
    const metadata = await internal.metadata({ topics: [topic] });
    const leader = metadata.topicMetadata[0]!.partitionMetadata[0]!.leader;
    const wanted = [
      { topic, partition: 0, offset: 3, leader },
      { topic, partition: 1, offset: 25, leader },
      { topic, partition: 2, offset: 39, leader },
      // a second group further ahead on partition 1: settled by the same batch
      { topic, partition: 1, offset: 30, leader },
      // the same record wanted by two groups is read once
      { topic, partition: 0, offset: 3, leader },
    ];
    const expected = RecordMap.of([
      [topic, 0, 3, base + 3_000],
      [topic, 1, 25, base + 100_000 + 25_000],
      [topic, 2, 39, base + 200_000 + 39_000],
      [topic, 1, 30, base + 100_000 + 30_000],
    ]);

    const cold = await readRecordTimestamps(cluster.name, internal, wanted, 10_000);
    expect(cold.timestamps).toEqual(expected);
    expect(cold.stats).toMatchObject({ wanted: 4, cached: 0, unread: 0 });
    expect(cold.stats.requests).toBeGreaterThanOrEqual(1);
    expect(cold.stats.requests).toBeLessThanOrEqual(2);
    console.log(`record timestamps, cold: ${JSON.stringify(cold.stats)}`);

    const warm = await readRecordTimestamps(cluster.name, internal, wanted, 10_000);
    expect(warm.timestamps).toEqual(expected);
    expect(warm.stats).toMatchObject({ wanted: 4, cached: 4, requests: 0, fetchedPartitions: 0, unread: 0 });

    // Entries nobody wants any more are dropped: asking for one record keeps only that one.
    await readRecordTimestamps(cluster.name, internal, wanted.slice(0, 1), 10_000);
    const after = await readRecordTimestamps(cluster.name, internal, wanted.slice(1, 2), 10_000);
    expect(after.stats).toMatchObject({ wanted: 1, cached: 0, requests: 1 });
  });
});

describe("what timestamps cost a sample on the demo traffic", () => {
  const cluster = { name: `it-sample-cost-${process.pid}`, brokers: [] as string[], ssl: false };

  afterAll(async () => {
    await resetKafkaClients(cluster.name);
  });

  it("sends at most one request per leader per pass, and reads from the cache what did not move", async () => {
    cluster.brokers = stack.brokers.split(",");
    const { takeRawSample } = await import("@/lib/kafka/raw-sample");
    const samples = [];
    for (let index = 0; index < 4; index++) samples.push(await takeRawSample(cluster, { timestampBudgetMs: 2_000 }));
    for (const sample of samples) {
      const leaders = new Set(sample.topics.flatMap((topic) => topic.partitions.map((partition) => partition.leader)));
      console.log(
        `sample: ${sample.durationMs} ms in all; timestamps: ${JSON.stringify(sample.timestampReads)}; ` +
          `${sample.groups.length} groups, ${leaders.size} leader(s)`,
      );
      expect(sample.timestampReads.requests).toBeLessThanOrEqual(3 * leaders.size);
      expect(sample.timestampReads.unread).toBe(0);
      expect(sample.recordTimestamps.size).toBeLessThanOrEqual(sample.timestampReads.wanted);
    }
    // Stuck groups (analytics, the stopped ones above) are answered from the cache after the first.
    const warm = samples.at(-1)!.timestampReads;
    expect(warm.cached).toBeGreaterThan(0);
  });
});
