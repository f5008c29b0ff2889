import "server-only";
import type { Broker, InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";
import { BufferReader } from "@/lib/kafka/buffer-reader";

/*
 * Metadata v6 for every topic, read straight from the response: the first request of every sample.
 * kafkajs's decoder made a Decoder call, a closure and an object per field group, and three arrays
 * per partition (~16 MB of garbage a sample at 15,000 partitions, the largest single share of what a
 * sample allocates); here a partition is one object whose ISR is its replica list itself when the two
 * are the same (a healthy partition) and whose empty lists are one shared empty array. Partition
 * error codes are not kept: an offline partition is listed with leader −1 (offline-partitions.ts says
 * why), as kafkajs's own requests see it inside allowOfflinePartitions. A topic with an error of its
 * own (a topic still being created, or being deleted) is listed with its error code, and readers
 * leave it out of the sample, where kafkajs failed the whole response. v6 is the version kafkajs
 * itself sends to a broker that speaks it (Kafka 2.0 and later, Kafka 4 included); the request and
 * the response are the same as v5's, which adds the offline replicas to v4. Sent on the broker's
 * connection as kafkajs sends its own requests, like list-offsets-batch.ts. Below it: which broker
 * is asked (withAnyBroker, also for topic configs) and kafkajs's broker pool kept in line with the
 * answer (readClusterMetadata).
 */
const METADATA = 3;
const VERSION = 6;
/** All topics: a null array (kafkajs sends null for an empty list too). */
const ALL_TOPICS = -1;

/** The list a partition without any such replica shares with every other: never written to. */
export const NO_NODES: number[] = Object.freeze([]) as unknown as number[];

/** Whether `broker` speaks Metadata v6. */
export function supportsMetadataV6(broker: Pick<Broker, "versions">): boolean {
  const range = broker.versions?.[METADATA];
  return range !== undefined && range.minVersion <= VERSION && range.maxVersion >= VERSION;
}

/** Metadata v6 for all topics, without creating any; in kafkajs's request shape (it reads `buffer` of what `encode` returns). */
export function metadataRequest() {
  return {
    apiKey: METADATA,
    apiVersion: VERSION,
    apiName: "Metadata",
    encode: async () => {
      const buffer = Buffer.alloc(5);
      buffer.writeInt32BE(ALL_TOPICS, 0);
      buffer.writeInt8(0, 4); // allow_auto_topic_creation: false
      return { buf: buffer, buffer };
    },
  };
}

/** Decodes a Metadata v5/v6 response body as kafkajs hands it over (after the correlation id). */
export function decodeMetadataResponse(data: Buffer): RawMetadata & { throttleTimeMs: number } {
  const reader = new BufferReader(data, "Metadata");
  const throttleTimeMs = reader.int32();
  const brokers: RawMetadata["brokers"] = [];
  for (let count = reader.int32(); count > 0; count--) {
    brokers.push({ nodeId: reader.int32(), host: reader.string(), port: reader.int32(), rack: reader.nullableString() });
  }
  const clusterId = reader.nullableString() ?? undefined;
  const controllerId = reader.int32();
  const topicMetadata: RawMetadata["topicMetadata"] = [];
  for (let topics = reader.int32(); topics > 0; topics--) {
    const topicErrorCode = reader.int16();
    const topic = reader.string();
    const isInternal = reader.int8() !== 0;
    const partitionMetadata: RawMetadata["topicMetadata"][number]["partitionMetadata"] = [];
    for (let partitions = reader.int32(); partitions > 0; partitions--) {
      reader.skip(2); // the partition's error code
      const partitionId = reader.int32();
      const leader = reader.int32();
      const replicas = readNodes(reader, NO_NODES);
      const isr = readNodes(reader, replicas);
      const offlineReplicas = readNodes(reader, NO_NODES);
      partitionMetadata.push({ partitionId, leader, replicas, isr, offlineReplicas });
    }
    topicMetadata.push({ topic, isInternal, topicErrorCode, partitionMetadata });
  }
  return { throttleTimeMs, brokers, clusterId, controllerId, topicMetadata };
}

/** An INT32 array of node ids; `like` itself when it holds the same ids in the same order, NO_NODES when empty or null. */
function readNodes(reader: BufferReader, like: number[]): number[] {
  const count = reader.int32();
  if (count <= 0) return NO_NODES;
  let nodes: number[] | null = count === like.length ? null : [];
  for (let index = 0; index < count; index++) {
    const node = reader.int32();
    if (nodes === null) {
      if (node === like[index]) continue;
      nodes = like.slice(0, index);
    }
    nodes.push(node);
  }
  return nodes ?? like;
}

/** Every topic's metadata as `broker` answers it, in one request. Throws when the request fails. */
export async function readMetadata(broker: Broker): Promise<RawMetadata> {
  const response = {
    // kafkajs holds back the connection's next requests for the throttle time a response reports here.
    decode: async (data: Buffer) => {
      const decoded = decodeMetadataResponse(data);
      return { ...decoded, clientSideThrottleTime: decoded.throttleTimeMs };
    },
    parse: async (data: unknown) => data,
  };
  return (await broker.connectionPool.send({ request: metadataRequest(), response })) as RawMetadata;
}

type PoolView = {
  brokerPool: {
    brokers: Record<string, Broker>;
    /** The broker the pool connected to first (a bootstrap address), before it knew any node ids. */
    seedBroker: Broker;
    findBroker(options: { nodeId: string }): Promise<Broker>;
    /** Reads `topics`' metadata (all of them when empty) into the pool, and its broker list with it. */
    refreshMetadata(topics: string[]): Promise<void>;
  };
};

/**
 * The cluster's metadata (readMetadata above), with kafkajs's broker pool brought in line with it.
 * kafkajs's pool would keep a whole metadata answer of its own (all topics, read again every five
 * minutes besides the sample's); here it only learns the broker list, from a metadata answer of one
 * topic, when that list differs from the sample's: a stopped broker stays in it otherwise (and a
 * request sent there fails), a restarted one is missing (so its partitions cannot be asked).
 * The pool's brokers are asked in turn until one answers (withAnyBroker).
 */
export async function readClusterMetadata(cluster: InternalCluster): Promise<RawMetadata> {
  const pool = (cluster as unknown as PoolView).brokerPool;
  const metadata = await withAnyBroker(cluster, ask);
  const pooled = Object.keys(pool.brokers).sort().join(",");
  const live = metadata.brokers.map((broker) => String(broker.nodeId)).sort().join(",");
  if (pooled !== live) {
    const topic = metadata.topicMetadata.find((candidate) => candidate.topicErrorCode === 0)?.topic;
    await pool.refreshMetadata(topic === undefined ? [] : [topic]);
  }
  return metadata;
}

/**
 * `fn` on the pool's brokers in turn (by node id) until one answers; none known yet (the first sample
 * after connecting), on the broker the pool connected to. Throws the last error when none answers.
 * For requests any broker answers (metadata, topic configs), without kafkajs's own routing, which
 * reads the metadata of every topic first (cluster.metadata when it is older than five minutes, the
 * admin's describeConfigs on every call).
 */
export async function withAnyBroker<T>(cluster: InternalCluster, fn: (broker: Broker) => Promise<T>): Promise<T> {
  const pool = (cluster as unknown as PoolView).brokerPool;
  const nodeIds = Object.keys(pool.brokers).sort((a, b) => Number(a) - Number(b));
  if (nodeIds.length === 0) return fn(pool.seedBroker);
  let lastError: unknown;
  for (const nodeId of nodeIds) {
    try {
      return await fn(await pool.findBroker({ nodeId }));
    } catch (error) {
      lastError = error;
    }
  }
  // Every broker the pool knew failed: the address it connected to first may lead to a live one.
  try {
    return await fn(pool.seedBroker);
  } catch {
    throw lastError;
  }
}

/** Metadata v6 read by hand, or kafkajs's own request where a broker (before Kafka 2.0) does not speak it. */
const ask = (broker: Broker): Promise<RawMetadata> => (supportsMetadataV6(broker) ? readMetadata(broker) : broker.metadata([]));
