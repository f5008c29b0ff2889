/**
 * Builds the cluster shape `npm run bench:collector` measures: many topics with messages in every
 * partition, and consumer groups with committed offsets (no members) on a few topics each.
 */
import { createRequire } from "node:module";
import "@/lib/kafka/kafkajs-patches"; // idle kafkajs connections spin on a 1 ms timer without it
import { Kafka, logLevel, type Admin } from "kafkajs";
import { waitForTopicLeaders } from "@/scripts/lib/create-topics";

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";
const require = createRequire(import.meta.url);

export type BenchShape = { topics: number; partitions: number; groups: number; topicsPerGroup: number };

export const topicName = (index: number) => `bench.topic-${String(index).padStart(5, "0")}`;
export const groupName = (index: number) => `bench.group-${String(index).padStart(4, "0")}`;
export const isBenchGroup = (groupId: string) => groupId.startsWith("bench.group-");

/** Messages produced to one partition: varied, so lag differs between partitions. */
export const messagesFor = (topic: number, partition: number) => 3 + ((topic * 7 + partition * 3) % 13);

/** The topics group `group` commits on: consecutive indexes, wrapping, so groups overlap a little. */
export function topicsOfGroup(group: number, shape: BenchShape): number[] {
  return Array.from({ length: shape.topicsPerGroup }, (_, index) => (group * shape.topicsPerGroup + index) % shape.topics);
}

export function createBenchKafka(brokers: string[]) {
  // NOTHING: right after creation, produce requests meet "not the leader" until metadata settles; kafkajs retries them.
  return new Kafka({ clientId: "tributary-bench", brokers, logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
}

/** Creates the missing topics in batches and waits until every partition has a leader. */
export async function createTopics(admin: Admin, shape: BenchShape, log: (line: string) => void): Promise<number> {
  const existing = new Set(await admin.listTopics());
  const missing = Array.from({ length: shape.topics }, (_, index) => topicName(index)).filter((name) => !existing.has(name));
  for (let index = 0; index < missing.length; index += 100) {
    await admin.createTopics({
      topics: missing.slice(index, index + 100).map((topic) => ({ topic, numPartitions: shape.partitions, replicationFactor: 1 })),
      waitForLeaders: false,
      timeout: 60_000,
    });
    log(`  created ${Math.min(index + 100, missing.length)}/${missing.length} topics`);
  }
  return missing.length;
}

/** Produces messagesFor(t, p) messages to every partition, 50 topics per produce request. */
export async function produceMessages(kafka: Kafka, shape: BenchShape): Promise<number> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let total = 0;
  try {
    for (let first = 0; first < shape.topics; first += 50) {
      const topicMessages = [];
      for (let topic = first; topic < Math.min(first + 50, shape.topics); topic++) {
        const messages = [];
        for (let partition = 0; partition < shape.partitions; partition++) {
          for (let index = 0; index < messagesFor(topic, partition); index++) messages.push({ partition, value: `m${index}` });
        }
        total += messages.length;
        topicMessages.push({ topic: topicName(topic), messages });
      }
      await producer.sendBatch({ topicMessages, acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
  return total;
}

type InternalBroker = {
  offsetCommit(request: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    retentionTime: number;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<unknown>;
};
type InternalCluster = {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(request: { groupId: string }): Promise<InternalBroker>;
};

/**
 * Commits half of each partition's end offset for every group, the way Kafka's own admin client
 * alters offsets of a group with no members (generation -1, no member id): one OffsetCommit per
 * group, no join, so 300 groups take seconds rather than a rebalance each.
 * Returns the expected total lag over all groups.
 */
export async function commitGroupOffsets(
  brokers: string[],
  shape: BenchShape,
  endOffsets: Map<string, number[]>,
): Promise<number> {
  const Cluster = require("kafkajs/src/cluster");
  const { createLogger, LEVELS } = require("kafkajs/src/loggers");
  const socketFactory = require("kafkajs/src/network/socketFactory");
  const cluster: InternalCluster = new Cluster({
    logger: createLogger({ level: LEVELS.NOTHING, logCreator: () => () => {} }),
    socketFactory: socketFactory(),
    brokers,
    clientId: "tributary-bench",
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { retries: 5 },
  });
  await cluster.connect();
  let expectedLag = 0;
  try {
    const groups = Array.from({ length: shape.groups }, (_, index) => index);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < groups.length) {
          const group = groups[next++]!;
          const topics = topicsOfGroup(group, shape).map((topic) => {
            const ends = endOffsets.get(topicName(topic))!;
            return {
              topic: topicName(topic),
              partitions: ends.map((end, partition) => ({ partition, offset: String(Math.floor(end / 2)) })),
            };
          });
          for (const topic of topics) {
            for (const partition of topic.partitions) {
              expectedLag += endOffsets.get(topic.topic)![partition.partition]! - Number(partition.offset);
            }
          }
          await withCoordinatorRetry(async () => {
            const coordinator = await cluster.findGroupCoordinator({ groupId: groupName(group) });
            await coordinator.offsetCommit({ groupId: groupName(group), groupGenerationId: -1, memberId: "", retentionTime: -1, topics });
          });
        }
      }),
    );
  } finally {
    await cluster.disconnect();
  }
  return expectedLag;
}

// kafkajs names Kafka's codes 14, 15 and 16 after their pre-2.0 names.
const COORDINATOR_ERRORS = new Set(["GROUP_LOAD_IN_PROGRESS", "GROUP_COORDINATOR_NOT_AVAILABLE", "NOT_COORDINATOR_FOR_GROUP"]);
// A broker restarted from its data (--reuse-broker) names itself leader in the metadata before it
// has loaded every partition, and answers "not the leader" (code 6) for a while.
const LEADERSHIP_ERRORS = new Set(["NOT_LEADER_FOR_PARTITION", "LEADER_NOT_AVAILABLE", "UNKNOWN_TOPIC_OR_PARTITION"]);

/** On a fresh broker __consumer_offsets is created by the first lookup and loads for a while. */
const withCoordinatorRetry = (run: () => Promise<void>) => withRetry(COORDINATOR_ERRORS, run);

/** Runs `run` again (every 500 ms, for at most `timeoutMs`) while it fails with one of the Kafka error types `retried`. */
async function withRetry<T>(retried: ReadonlySet<string>, run: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await run();
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (!type || !retried.has(type) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** End offsets per partition of the given topics, read with bounded concurrency. */
export async function fetchEndOffsets(admin: Admin, topics: string[]): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < topics.length) {
        const topic = topics[next++]!;
        const offsets = await withRetry(LEADERSHIP_ERRORS, () => admin.fetchTopicOffsets(topic));
        const ends: number[] = [];
        for (const entry of offsets) ends[entry.partition] = Number(entry.high);
        result.set(topic, ends);
      }
    }),
  );
  return result;
}

/** Waits until every bench topic's partitions have a leader (creation is asynchronous in KRaft). */
export async function waitForLeaders(admin: Admin, shape: BenchShape, timeoutMs = 300_000): Promise<void> {
  const names = Array.from({ length: shape.topics }, (_, index) => topicName(index));
  await waitForTopicLeaders(admin, names, timeoutMs, 1_000);
}
