/**
 * Runs the demo shop (topology.ts) against a Kafka cluster with real kafkajs producers and
 * consumers, one client per service so the broker sees each service's own client id.
 */
import "@/lib/kafka/kafkajs-patches"; // idle kafkajs connections spin on a 1 ms timer without it
import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type Producer, type logCreator } from "kafkajs";
import { createTopicsWithLeaders } from "@/scripts/lib/create-topics";
import { createOrder } from "./events";
import { createMessageHandler, orderWriterFor, type Emit } from "./services";
import { RATES, SERVICES, TOPICS, type ServiceSpec, type TopicName } from "./topology";

// The partitioner warning is aimed at kafkajs 1.x upgraders; we choose the partitioner explicitly.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";

export type SimulatorOptions = {
  brokers: string[];
  /** Header naming the producing service; FLOW_PRODUCER_HEADER or "x-producer". */
  producerHeader?: string;
  log?: (line: string) => void;
};

export type SimulatorStats = {
  startedAt: number;
  produced: Record<string, number>;
  consumed: Record<string, number>;
};

export type RunningSimulator = { stop(): Promise<void>; getStats(): SimulatorStats };

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const header = options.producerHeader ?? process.env.FLOW_PRODUCER_HEADER ?? "x-producer";
  const log = options.log ?? (() => undefined);
  const stats: SimulatorStats = { startedAt: Date.now(), produced: {}, consumed: {} };
  const kafkaFor = (clientId: string) =>
    new Kafka({ clientId, brokers: options.brokers, logLevel: logLevel.ERROR, logCreator: toLog(log) });

  const admin = kafkaFor("simulator-admin").admin();
  await admin.connect();
  const producers = new Map<string, Producer>();
  const consumers: Consumer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = true;

  const stop = async () => {
    if (!running) return;
    running = false;
    for (const timer of timers) clearTimeout(timer);
    // Consumers first: their handlers still produce until they finish the current message.
    await Promise.allSettled(consumers.map((consumer) => consumer.disconnect()));
    await Promise.allSettled([...producers.values()].map((producer) => producer.disconnect()));
    await admin.disconnect().catch(() => undefined);
  };

  try {
    await ensureTopics(admin, log);
    for (const service of SERVICES.filter((spec) => spec.produces.length > 0)) {
      const producer = kafkaFor(service.slug).producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      producers.set(service.slug, producer);
    }
    const emitAs = (slug: string): Emit => {
      const withHeader = SERVICES.find((spec) => spec.slug === slug)?.sendsProducerHeader !== false;
      return async (topic, key, event) => {
        await producers.get(slug)!.send({
          topic,
          messages: [{ key, value: JSON.stringify(event), ...(withHeader ? { headers: { [header]: slug } } : {}) }],
        });
        stats.produced[topic] = (stats.produced[topic] ?? 0) + 1;
      };
    };

    for (const service of SERVICES.filter((spec) => spec.consumer)) await startConsumer(service, emitAs(service.slug));
    const orderEmitters = { orders: emitAs("orders"), "legacy-checkout": emitAs("legacy-checkout") };
    produceOrders((sequence) => orderEmitters[orderWriterFor(sequence)]);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`simulator started: ${SERVICES.length} services, ${TOPICS.length} topics, header ${header}`);
  return { stop, getStats: () => structuredClone(stats) };

  async function startConsumer(service: ServiceSpec, emit: Emit): Promise<void> {
    const { groupId, topics, behavior } = service.consumer!;
    if (behavior === "stopped" && (await hasCommittedOffsets(admin, groupId, topics))) {
      log(`${groupId}: stays stopped (it consumed on an earlier run)`);
      return;
    }
    const consumer = kafkaFor(service.slug).consumer({
      groupId,
      allowAutoTopicCreation: false,
      // Let the broker gather up to 1 s of messages per fetch: fewer fetch requests at demo rates,
      // and disconnect() waits at most 1 s for a pending fetch (the default is 5 s).
      minBytes: 1024,
      maxWaitTimeInMs: 1000,
      // Small fetches make the slow consumer move through every partition rather than one big batch.
      ...(behavior === "slow" ? { maxBytesPerPartition: 4096 } : {}),
    });
    consumers.push(consumer); // before connecting, so stop() also cleans up a half-started one
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    const handle = createMessageHandler(service.slug, emit);
    // The slow consumer works on every partition at once, each at its share of the rate: a real
    // slow consumer falls behind everywhere, rather than finishing one partition's batch while the
    // others sit still long enough to look stalled.
    const concurrency = behavior === "slow" ? partitionCount(topics) : 1;
    const pauseMs = behavior === "slow" ? (1000 * concurrency) / RATES.slowConsumerPerSec : 0;
    await consumer.run({
      partitionsConsumedConcurrently: concurrency,
      // Commit every 5 s whatever the batch size, so even the slow consumer's commits stay fresh.
      autoCommitInterval: 5000,
      eachMessage: async ({ topic, message }) => {
        const event = parseEvent(message.value);
        // Someone else's non-JSON message must not wedge the consumer on one offset forever.
        if (event === undefined) log(`${groupId}: skipped a non-JSON message on ${topic}`);
        else await handle(topic as TopicName, event);
        stats.consumed[groupId] = (stats.consumed[groupId] ?? 0) + 1;
        if (pauseMs) await sleep(pauseMs);
      },
    });
    if (behavior === "stopped") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        log(`${groupId}: stopping for good after ${RATES.stoppedConsumerRunMs / 1000} s`);
        consumer.disconnect().catch((error: Error) => log(`${groupId}: disconnect failed: ${error.message}`));
      }, RATES.stoppedConsumerRunMs);
      timers.add(timer);
    }
  }

  /**
   * ~4 orders/s, swelling and easing by 25% over ten minutes so throughput charts have a shape.
   * `emitterFor` picks the writer of each order by its 1-based sequence number.
   */
  function produceOrders(emitterFor: (sequence: number) => Emit) {
    let sequence = 0;
    const tick = async () => {
      if (!running) return;
      const order = createOrder();
      sequence += 1;
      await emitterFor(sequence)("orders.created", order.orderId, order).catch((error: Error) => log(`orders: ${error.message}`));
      const wave = 1 + 0.25 * Math.sin((2 * Math.PI * (Date.now() - stats.startedAt)) / 600_000);
      const intervalMs = (1000 / (RATES.ordersPerSec * wave)) * (0.7 + Math.random() * 0.6);
      if (!running) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void tick();
      }, intervalMs);
      timers.add(timer);
    };
    void tick();
  }
}

async function ensureTopics(admin: Admin, log: (line: string) => void) {
  const existing = await admin.fetchTopicMetadata({ topics: [] });
  const partitionsByTopic = new Map(existing.topics.map((topic) => [topic.name, topic.partitions.length]));
  const missing = TOPICS.filter((topic) => !partitionsByTopic.has(topic.name));
  if (missing.length > 0) {
    await createTopicsWithLeaders(
      admin,
      missing.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions, replicationFactor: 1 })),
    );
    log(`created topics: ${missing.map((topic) => topic.name).join(", ")}`);
  }
  for (const topic of TOPICS) {
    const actual = partitionsByTopic.get(topic.name);
    if (actual !== undefined && actual !== topic.partitions) {
      log(`warning: ${topic.name} has ${actual} partitions, the demo expects ${topic.partitions}`);
    }
  }
}

function partitionCount(topics: TopicName[]): number {
  return topics.reduce((sum, name) => sum + TOPICS.find((topic) => topic.name === name)!.partitions, 0);
}

async function hasCommittedOffsets(admin: Admin, groupId: string, topics: TopicName[]): Promise<boolean> {
  const offsets = await admin.fetchOffsets({ groupId, topics });
  return offsets.some((topic) => topic.partitions.some((partition) => partition.offset !== "-1"));
}

/**
 * Routes kafkajs's own (error-level) messages through the simulator's log. Retries repeat the
 * same line many times while a broker is away; print each distinct line at most every 30 s.
 */
function toLog(log: (line: string) => void): logCreator {
  const lastPrinted = new Map<string, number>();
  return () => ({ namespace, log: entry }) => {
    // Error responses ("coordinator is loading" on a fresh broker) are retried by the client and
    // reported again by the consumer or producer if they persist: skip them at connection level.
    if (namespace === "Connection" && entry.message.startsWith("Response ")) return;
    const detail = typeof entry.error === "string" ? `: ${entry.error}` : "";
    const line = `kafkajs ${namespace}: ${entry.message}${detail}`;
    const now = Date.now();
    if (now - (lastPrinted.get(line) ?? 0) < 30_000) return;
    lastPrinted.set(line, now);
    log(line);
  };
}

function parseEvent(value: Buffer | null): unknown {
  try {
    return JSON.parse(value?.toString() ?? "null");
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
