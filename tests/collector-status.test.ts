// Integration (real broker + app): the status the collector gives consumer groups this test drives
// into known situations (caught up, slow, stopped), and the time lag of a stopped group.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Consumer, Kafka, Producer } from "kafkajs";
import {
  clusterPath, createExactProducer, createKafka, createTopic, getJson, pollUntil, produceToEachPartition, readGroup, readNextSample, readTopic, sleep,
  stack, startSteadyProducer, uniqueName,
} from "./support/live-stack";

let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const topics: string[] = [];
const groups: string[] = [];
const consumers: Consumer[] = [];

beforeAll(async () => {
  kafka = createKafka("it-collector-status");
  admin = kafka.admin();
  producer = createExactProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
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

/** A consumer that has joined its group (assignment received) before this resolves. */
async function startConsumer(
  groupId: string,
  topic: string,
  options: { pauseMs?: number; onMessage?: () => void } = {},
): Promise<Consumer> {
  groups.push(groupId);
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  consumers.push(consumer);
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    // Commit after every message: the committed offset is exactly what the consumer processed.
    autoCommitThreshold: 1,
    eachMessage: async () => {
      options.onMessage?.();
      if (options.pauseMs) await sleep(options.pauseMs);
    },
  });
  await joined;
  return consumer;
}

/** Every sample of a group from now on until `until` says stop or `timeoutMs` passes. */
async function followGroup(groupId: string, until: (body: any, seen: any[]) => boolean, timeoutMs: number, afterSampledAt = 0) {
  const seen: any[] = [];
  const deadline = Date.now() + timeoutMs;
  let sampledAt = afterSampledAt;
  while (Date.now() < deadline) {
    const response = await readNextSample(() => readGroup(groupId), sampledAt).catch(() => undefined);
    if (!response) continue;
    sampledAt = response.body.freshness.sampledAt;
    seen.push(response.body);
    if (until(response.body, seen)) return seen;
  }
  throw new Error(
    `group ${groupId}: condition not met within ${timeoutMs} ms; statuses seen: ` +
      JSON.stringify(seen.map((body) => ({ status: body.group.status, lag: body.group.lag, reason: body.group.statusReason }))),
  );
}

const interval = () => stack.intervalMs;
const windowSamples = () => stack.windowSamples;

describe("group status", () => {
  it("a consumer that keeps up is OK with zero time lag", async () => {
    const partitions = 3;
    const topic = await newTopic("it.status.ok", partitions);
    const groupId = uniqueName("it-status-ok");
    let consumed = 0;
    await startConsumer(groupId, topic, { onMessage: () => (consumed += 1) });
    const steady = startSteadyProducer(producer, { topic, partitions, batchSize: 3, everyMs: 500 });

    // Follow the group for a full window and a few more samples while traffic flows.
    const seen = await followGroup(groupId, (_body, all) => all.length >= windowSamples() + 4, (windowSamples() + 15) * interval());
    await steady.stop();
    const statuses = seen.map((body) => body.group.status);
    // While the window fills a momentary lag may read INCOMPLETE; a keeping-up consumer is never worse.
    expect(statuses.slice(0, windowSamples() - 1).every((status) => status === "OK" || status === "INCOMPLETE"), JSON.stringify(statuses)).toBe(true);
    expect(statuses.slice(windowSamples() - 1), JSON.stringify(seen.map((body) => body.group.statusReason))).toEqual(
      statuses.slice(windowSamples() - 1).map(() => "OK"),
    );

    // Once the producer stops, the consumer catches up to exactly what was produced.
    await pollUntil("the consumer to process every message", async () => (consumed === steady.acknowledged ? true : undefined), {
      timeoutMs: 15_000,
    });
    const expected = steady.perPartition.map((count, partition) => ({ partition, committedOffset: count, endOffset: count, lag: 0, timeLagSeconds: 0, status: "OK" }));
    let last: unknown;
    const { body } = await pollUntil(
      "a sample with every commit",
      async () => {
        const response = await readGroup(groupId);
        last = response?.body.group.partitions;
        return response?.body.group.partitions.every((partition: any, index: number) => partition.committedOffset === steady.perPartition[index])
          ? response
          : undefined;
      },
      { timeoutMs: 5 * interval() + 10_000, describeLast: () => last },
    );
    expect(
      body.group.partitions.map(({ partition, committedOffset, endOffset, lag, timeLagSeconds, status }: any) => ({
        partition, committedOffset, endOffset, lag, timeLagSeconds, status,
      })),
    ).toEqual(expected);
    expect(body.group).toMatchObject({ status: "OK", lag: 0, timeLagSeconds: 0, state: "Stable" });
    expect(body.group.members).toHaveLength(1);
  });

  it("a consumer slower than its producer turns WARNING with a rising lag history", async () => {
    const topic = await newTopic("it.status.slow", 1);
    const groupId = uniqueName("it-status-slow");
    await startConsumer(groupId, topic, { pauseMs: 200 }); // ~5 msg/s
    const steady = startSteadyProducer(producer, { topic, partitions: 1, batchSize: 4, everyMs: 200 }); // 20 msg/s
    try {
      // Bound: the window fills `windowSamples` samples after the first commit; allow 5 more.
      const firstCommit = await followGroup(groupId, (body) => body.group.partitions[0]?.committedOffset != null, 15 * interval() + 10_000);
      const firstCommitAt = firstCommit.at(-1).freshness.sampledAt;
      const seen = await followGroup(groupId, (body) => body.group.status === "WARNING", (windowSamples() + 5) * interval() + 5_000);
      const warned = seen.at(-1);
      console.log(`slow group WARNING ${((warned.freshness.sampledAt - firstCommitAt) / 1000).toFixed(1)} s after its first commit was sampled`);
      expect(warned.group.statusReason).toMatch(/lag rose from \d+ to \d+ over \d+s without falling/);
      expect(warned.group.consumedPerSec).toBeGreaterThan(0);
      expect(warned.group.topics[0].status).toBe("WARNING");

      // Let the history gain a few more points, then check it rises.
      await followGroup(groupId, (_body, all) => all.length >= 3, 10 * interval() + 5_000, warned.freshness.sampledAt);
      const history = await getJson(clusterPath(`/groups/${encodeURIComponent(groupId)}/history?range=15m`));
      expect(history.status).toBe(200);
      expect(history.body.resolution).toBe(0);
      const lags: number[] = history.body.points.map((point: { lag: number }) => point.lag);
      const recent = lags.slice(-windowSamples());
      expect(recent.length, JSON.stringify(lags)).toBe(windowSamples());
      for (let index = 1; index < recent.length; index++) expect(recent[index], JSON.stringify(recent)).toBeGreaterThan(recent[index - 1]!);
      expect(history.body.points.at(-1).status).toBe("WARNING");
    } finally {
      await steady.stop();
    }
  });

  it("a group that committed once and left is STOPPED, with lag and time lag growing", async () => {
    const topic = await newTopic("it.status.stopped", 1);
    const groupId = uniqueName("it-status-stopped");
    groups.push(groupId);
    const COMMITTED = 30;
    await produceToEachPartition(producer, topic, 1, COMMITTED);
    // Let the collector's offset table see the end offset sit at 30 for a while.
    await pollUntil("topic end offset 30", async () => ((await readTopic(topic))?.body.topic.partitions[0].endOffset === COMMITTED ? true : undefined), {
      timeoutMs: 5 * interval() + 10_000,
    });
    await sleep(2 * interval());
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(COMMITTED) }] });

    const resumedAt = Date.now();
    const steady = startSteadyProducer(producer, { topic, partitions: 1, batchSize: 2, everyMs: 200 }); // 10 msg/s
    try {
      const visible = await followGroup(groupId, (body) => body.group.partitions[0]?.committedOffset === COMMITTED, 10 * interval() + 5_000);
      const visibleAt = visible.at(-1).freshness.sampledAt;
      // A sample taken before production resumed may put a zero lag in the window; after
      // `windowSamples` more samples it has slid out. Allow a few intervals for a busy machine.
      const seen = await followGroup(groupId, (body) => body.group.status === "STOPPED", (windowSamples() + 5) * interval() + 5_000);
      const first = seen.at(-1);
      console.log(`stopped group STOPPED ${((first.freshness.sampledAt - visibleAt) / 1000).toFixed(1)} s after it was first sampled`);
      const [second] = await followGroup(groupId, (_body, all) => all.length >= 1, 10_000, first.freshness.sampledAt);
      const [third] = await followGroup(groupId, (_body, all) => all.length >= 1, 10_000, second.freshness.sampledAt);

      for (const body of [first, second, third]) {
        const partition = body.group.partitions[0];
        expect(body.group.members).toEqual([]);
        expect(body.group.status).toBe("STOPPED");
        expect(body.group.statusReason).toMatch(/no commit for over \d+s and no members/);
        expect(partition.committedOffset).toBe(COMMITTED);
        expect(partition.lag).toBe(partition.endOffset - COMMITTED);
        expect(partition.lag).toBeGreaterThan(0);
        // Time lag is the age of record 30, the next one the group reads, read from Kafka: it was
        // produced by the first batch after production resumed, so the time since then, less the
        // moment the first send took.
        const sinceResume = (body.freshness.sampledAt - resumedAt) / 1000;
        expect(partition.timeLagEstimated).toBe(false);
        expect(partition.timeLagSeconds).toBeGreaterThanOrEqual(sinceResume - 0.5);
        expect(partition.timeLagSeconds).toBeLessThanOrEqual(sinceResume);
        expect(body.group.timeLagSeconds).toBe(partition.timeLagSeconds);
      }
      expect(third.group.lag).toBeGreaterThan(first.group.lag);
      // Record 30's timestamp does not change, so time lag grows by exactly the time between samples.
      expect(third.group.timeLagSeconds - first.group.timeLagSeconds).toBeCloseTo(
        (third.freshness.sampledAt - first.freshness.sampledAt) / 1000,
        3,
      );
    } finally {
      await steady.stop();
    }
  });
});
