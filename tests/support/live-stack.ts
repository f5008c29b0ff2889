// Helpers for integration tests that run against the stack scripts/test.ts starts: the real app
// (TEST_APP_URL), the real broker (TEST_KAFKA_BROKERS) and the real database. Nothing is mocked.
import { randomBytes } from "node:crypto";
import { Kafka, logLevel, type Admin, type Producer } from "kafkajs";
import { createTopicsWithLeaders } from "@/scripts/lib/create-topics";

// The partitioner warning is aimed at kafkajs 1.x upgraders; tests pick partitions explicitly.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through \`npm test\` (scripts/test.ts)`);
  return value;
}

export const stack = {
  get appUrl() {
    return requireEnv("TEST_APP_URL");
  },
  get brokers() {
    return requireEnv("TEST_KAFKA_BROKERS");
  },
  get kafkaPort() {
    return Number(requireEnv("TEST_KAFKA_PORT"));
  },
  get kafkaDataDir() {
    return requireEnv("TEST_KAFKA_DATA_DIR");
  },
  get intervalMs() {
    return Number(requireEnv("TEST_COLLECTOR_INTERVAL_MS"));
  },
  get windowSamples() {
    return Number(requireEnv("TEST_COLLECTOR_WINDOW_SAMPLES"));
  },
};

/** The cluster name the app gives KAFKA_BROKERS when no clusters file is configured. */
export const CLUSTER = "local";

/** A name no other test run or test file uses, so assertions only see what this test caused. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(4).toString("hex")}`;
}

export function createKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: stack.brokers.split(","), logLevel: logLevel.NOTHING });
}

/**
 * A producer whose acknowledged messages are exactly what the topic holds (startSteadyProducer's
 * count, compared with the collector's): idempotent, so that a produce request sent again is not
 * written twice. kafkajs sends a whole request again when any one partition in it fails (as one of
 * a new topic's partitions can for the few ms before the broker leads it), and a plain producer then
 * writes the partitions that had succeeded twice: in a CI run a topic held 592 messages for 590
 * acknowledged, a batch of five split 3 / 2 over two partitions.
 */
export function createExactProducer(kafka: Kafka): Producer {
  return kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
}

export async function createTopic(admin: Admin, topic: string, numPartitions: number): Promise<void> {
  const created = await createTopicsWithLeaders(admin, [{ topic, numPartitions, replicationFactor: 1 }]);
  if (!created) throw new Error(`topic ${topic} already existed`);
}

/** Sends `count` messages to each partition, one acknowledged batch per partition. */
export async function produceToEachPartition(producer: Producer, topic: string, partitions: number, count: number): Promise<void> {
  for (let partition = 0; partition < partitions; partition++) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: count }, (_, index) => ({ partition, key: `k${index}`, value: `p${partition}-m${index}` })),
    });
  }
}

export type ApiResponse<T> = { status: number; body: T };

/** GET against the app; `path` starts with "/api/…". */
export async function getJson<T = any>(path: string): Promise<ApiResponse<T>> {
  const response = await fetch(`${stack.appUrl}${path}`, { signal: AbortSignal.timeout(20_000) });
  return { status: response.status, body: (await response.json()) as T };
}

export const clusterPath = (rest: string) => `/api/clusters/${CLUSTER}${rest}`;

/**
 * Calls `probe` until it returns something other than undefined, at most `timeoutMs`; fails with
 * `what` and the last value seen so a timeout says what the API showed instead.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; everyMs?: number; describeLast?: () => unknown },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() > deadline) {
      const last = options.describeLast?.();
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${last === undefined ? "" : `; last seen: ${JSON.stringify(last)}`}`);
    }
    await sleep(options.everyMs ?? 250);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads a group from the API; undefined while the latest snapshot does not include it. */
export async function readGroup(groupId: string): Promise<ApiResponse<any> | undefined> {
  const response = await getJson(clusterPath(`/groups/${encodeURIComponent(groupId)}`));
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET group ${groupId}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** Reads a topic's detail; undefined while the latest snapshot does not include it. */
export async function readTopic(topic: string): Promise<ApiResponse<any> | undefined> {
  const response = await getJson(clusterPath(`/topics/${encodeURIComponent(topic)}`));
  if (response.status === 404) return undefined;
  if (response.status !== 200) throw new Error(`GET topic ${topic}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/**
 * Waits for a snapshot taken strictly after `afterSampledAt` and returns the probe's answer for
 * it: each call sees a different sample, so two reads compare two samples.
 */
export async function readNextSample<T extends ApiResponse<any>>(
  read: () => Promise<T | undefined>,
  afterSampledAt: number,
  timeoutMs = 15_000,
): Promise<T> {
  return pollUntil(
    `a sample newer than ${new Date(afterSampledAt).toISOString()}`,
    async () => {
      const response = await read();
      return response && response.body.freshness.sampledAt > afterSampledAt ? response : undefined;
    },
    { timeoutMs, everyMs: 100 },
  );
}

/**
 * The first sample that began after `at`: samples are taken one after another, so the second
 * sample to end after `at` started after it and sees every write made before `at`.
 */
export async function readSampleStartedAfter<T extends ApiResponse<any>>(read: () => Promise<T | undefined>, at: number, timeoutMs = 15_000): Promise<T> {
  const overlapping = await readNextSample(read, at, timeoutMs);
  return readNextSample(read, overlapping.body.freshness.sampledAt, timeoutMs);
}

/**
 * Produces batches of `batchSize` messages every `everyMs` until stopped, on a drift-free
 * schedule (batch i is due at start + i·everyMs). Counts only acknowledged messages: with a
 * producer from createExactProducer, what the topic holds.
 */
export function startSteadyProducer(
  producer: Producer,
  options: { topic: string; partitions: number; batchSize: number; everyMs: number },
) {
  let running = true;
  let acknowledged = 0;
  let firstSentAt: number | null = null;
  let lastAckedAt: number | null = null;
  const perPartition = new Array<number>(options.partitions).fill(0);
  const acknowledgedAt: { count: number; at: number }[] = [];
  const loop = (async () => {
    const start = Date.now();
    for (let batch = 0; running; batch++) {
      const due = start + batch * options.everyMs;
      if (due > Date.now()) await sleep(due - Date.now());
      if (!running) break;
      const messages = Array.from({ length: options.batchSize }, (_, index) => {
        const partition = (batch * options.batchSize + index) % options.partitions;
        return { partition, value: `batch ${batch} message ${index}` };
      });
      firstSentAt ??= Date.now();
      await producer.send({ topic: options.topic, acks: -1, messages });
      for (const message of messages) perPartition[message.partition]! += 1;
      acknowledged += messages.length;
      lastAckedAt = Date.now();
      acknowledgedAt.push({ count: acknowledged, at: lastAckedAt });
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
    get acknowledged() {
      return acknowledged;
    },
    perPartition,
    acknowledgedAt,
    /** Messages per second actually achieved: acknowledged count over first send to last ack. */
    achievedRate() {
      if (firstSentAt === null || lastAckedAt === null || lastAckedAt === firstSentAt) return 0;
      return acknowledged / ((lastAckedAt - firstSentAt) / 1000);
    },
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
