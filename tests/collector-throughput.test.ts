// Integration (real broker + app): the collector's messages/s for a topic this test produces to
// at a known rate, live and in the stored history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import {
  clusterPath, createExactProducer, createKafka, createTopic, getJson, median, readNextSample, readTopic, sleep, stack, startSteadyProducer, uniqueName,
} from "./support/live-stack";

const PARTITIONS = 2;
const BATCH_SIZE = 5;
const BATCH_EVERY_MS = 100; // 5 messages every 100 ms: 50 msg/s
const RUN_MS = 12_000;
/*
 * ±20%: the collector's rate is Δ(end offsets)/Δ(sample time) over one 1 s interval. Batches land
 * every 100 ms, so an interval holds 9, 10 or 11 of them (±10%); sample times are taken when a
 * sample ends, and on this 2-core machine one sample's duration can differ from the next by tens
 * of ms (a few % of a 1 s interval). The median over several intervals removes most of that.
 */
const TOLERANCE = 0.2;

let admin: Admin;
let producer: Producer;
const topic = uniqueName("it.throughput");

beforeAll(async () => {
  const kafka = createKafka("it-collector-throughput");
  admin = kafka.admin();
  producer = createExactProducer(kafka);
  await Promise.all([admin.connect(), producer.connect()]);
  await createTopic(admin, topic, PARTITIONS);
});

afterAll(async () => {
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

describe("topic throughput", () => {
  it("matches the produced rate within ±20% and is kept as raw history", async () => {
    const started = Date.now();
    const steady = startSteadyProducer(producer, { topic, partitions: PARTITIONS, batchSize: BATCH_SIZE, everyMs: BATCH_EVERY_MS });
    // Skip the first intervals: the first sample of a new topic has no rate, the second may span
    // the moment production started.
    await sleep(3 * stack.intervalMs + 500);
    const readings: { sampledAt: number; messagesPerSec: number }[] = [];
    let sampledAt = 0;
    while (Date.now() - started < RUN_MS - stack.intervalMs) {
      const { body } = await readNextSample(() => readTopic(topic), sampledAt);
      sampledAt = body.freshness.sampledAt;
      readings.push({ sampledAt, messagesPerSec: body.topic.messagesPerSec });
    }
    await steady.stop();
    const achieved = steady.achievedRate();

    // The producer itself must have kept its schedule, or the comparison says nothing.
    expect(achieved).toBeGreaterThan(45);
    expect(achieved).toBeLessThan(55);
    expect(readings.length).toBeGreaterThanOrEqual(5);
    const reported = median(readings.map((reading) => reading.messagesPerSec));
    console.log(`produced ${achieved.toFixed(1)} msg/s; collector median ${reported.toFixed(1)} msg/s over ${readings.length} intervals (${readings.map((reading) => reading.messagesPerSec.toFixed(1)).join(", ")})`);
    expect(reported, JSON.stringify({ achieved, readings })).toBeGreaterThanOrEqual(achieved * (1 - TOLERANCE));
    expect(reported, JSON.stringify({ achieved, readings })).toBeLessThanOrEqual(achieved * (1 + TOLERANCE));

    // Two samples after the producer stopped: the second one began after the last batch landed.
    const afterStop = await readNextSample(() => readTopic(topic), Date.now());
    const { body: detail } = await readNextSample(() => readTopic(topic), afterStop.body.freshness.sampledAt);
    expect(detail.topic.messageCount).toBe(steady.acknowledged);
    expect(detail.topic.partitions.map((partition: { endOffset: number }) => partition.endOffset)).toEqual(steady.perPartition);

    const history = await getJson(clusterPath(`/topics/${encodeURIComponent(topic)}/history?range=15m`));
    expect(history.status).toBe(200);
    expect(history.body.resolution).toBe(0); // raw samples for ranges up to an hour
    const points: { at: number; messagesPerSec: number }[] = history.body.points;
    // Every reading above came from a snapshot the collector also wrote to the history.
    const stored = new Map(points.map((point) => [point.at, point.messagesPerSec]));
    for (const reading of readings) expect(stored.get(reading.sampledAt), `history point at ${reading.sampledAt}`).toBeCloseTo(reading.messagesPerSec, 6);
  });
});
