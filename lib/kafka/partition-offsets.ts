import "server-only";
import type { Broker, InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";
import { NO_NODES, readMetadata, supportsMetadataV6 } from "@/lib/kafka/cluster-metadata";
import { EARLIEST, LATEST, listOffsetsBatch, type OffsetSink } from "@/lib/kafka/list-offsets-batch";
import type { RawTopic } from "@/lib/kafka/raw-sample";

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
 * The cluster's metadata (cluster-metadata.ts), with kafkajs's broker pool brought in line with it.
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

/**
 * The topics of `metadata` (those without an error of their own), each partition with its start
 * and end offsets: two ListOffsets per leader broker, whose answers are written straight into the
 * partitions as they are read. A partition without a leader (offline) cannot be asked; it keeps the
 * offsets read while it last had one, which stay exact while it is offline (nothing can be written
 * to it), so lag on it is the last end offset minus the group's commit. A partition whose leader
 * did not answer (it just moved, or its broker died before the controller noticed), or answered it
 * with an error, likewise keeps its last known offsets for this sample. Offsets never known are 0
 * (a partition offline since the collector started). Fails only when no leader at all answered, so
 * an unreachable cluster still fails the sample.
 */
export async function readTopics(clusterName: string, cluster: InternalCluster, metadata: RawMetadata): Promise<RawTopic[]> {
  const topics: RawTopic[] = [];
  const partitionsByTopic = new Map<string, RawPartition[]>();
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const topic of metadata.topicMetadata) {
    if (topic.topicErrorCode !== 0) continue;
    const partitions: RawPartition[] = [];
    for (const partition of topic.partitionMetadata) {
      partitions.push({
        partition: partition.partitionId,
        leader: partition.leader,
        replicas: partition.replicas,
        isr: partition.isr,
        offlineReplicas: partition.offlineReplicas ?? NO_NODES,
        startOffset: UNKNOWN,
        endOffset: UNKNOWN,
      });
      if (partition.leader < 0) continue;
      let leaderTopics = byLeader.get(partition.leader);
      if (!leaderTopics) byLeader.set(partition.leader, (leaderTopics = new Map()));
      const ids = leaderTopics.get(topic.topic);
      if (ids) ids.push(partition.partitionId);
      else leaderTopics.set(topic.topic, [partition.partitionId]);
    }
    partitions.sort((a, b) => a.partition - b.partition);
    partitionsByTopic.set(topic.topic, partitions);
    topics.push({ name: topic.topic, internal: Boolean(topic.isInternal) || topic.topic.startsWith("__"), partitions });
  }

  const errors: unknown[] = [];
  await Promise.all(
    [...byLeader].flatMap(([nodeId, leaderTopics]) =>
      ([[LATEST, "endOffset"], [EARLIEST, "startOffset"]] as const).map(async ([timestamp, field]) => {
        try {
          await listOffsetsBatch(await cluster.findBroker({ nodeId }), leaderTopics, timestamp, offsetWriter(partitionsByTopic, field));
        } catch (error) {
          errors.push(error);
        }
      }),
    ),
  );
  if (byLeader.size > 0 && errors.length === byLeader.size * 2) throw errors[0];

  const previous = lastKnownPartitions.get(clusterName);
  for (const topic of topics) {
    const known = previous?.get(topic.name);
    for (const partition of topic.partitions) {
      if (partition.endOffset === UNKNOWN || partition.startOffset === UNKNOWN) {
        const last = known && partitionOf(known, partition.partition);
        if (partition.endOffset === UNKNOWN) partition.endOffset = last?.endOffset ?? 0;
        if (partition.startOffset === UNKNOWN) partition.startOffset = last?.startOffset ?? 0;
      }
      if (partition.startOffset > partition.endOffset) partition.startOffset = partition.endOffset;
    }
  }
  // Only partitions that exist now: a deleted topic's offsets go with it.
  lastKnownPartitions.set(clusterName, partitionsByTopic);
  return topics;
}

type RawPartition = RawTopic["partitions"][number];

/** No offset read yet this sample (offsets are never negative). */
const UNKNOWN = -1;

/**
 * The partitions of the last sample, by cluster and topic: the offsets each partition reported while
 * it had a leader (see readTopics). Kept as the sample made them, so carrying them over costs no
 * copy; nothing writes to them once their sample is over.
 */
const lastKnownPartitions = new Map<string, ReadonlyMap<string, readonly RawPartition[]>>();

/** The partition with id `id` of a topic's partitions sorted by id (ids are 0…n−1 but for a gap where one is missing). */
function partitionOf(partitions: readonly RawPartition[], id: number): RawPartition | undefined {
  const at = partitions[id];
  return at?.partition === id ? at : partitions.find((partition) => partition.partition === id);
}

/** Writes a ListOffsets answer's offsets into the partitions' `field`, topic by topic. */
function offsetWriter(partitionsByTopic: ReadonlyMap<string, RawPartition[]>, field: "startOffset" | "endOffset"): OffsetSink {
  let partitions: RawPartition[] | undefined;
  return {
    topic(name) {
      partitions = partitionsByTopic.get(name);
    },
    offset(id, offset) {
      const partition = partitions && partitionOf(partitions, id);
      if (partition) partition[field] = offset;
    },
  };
}
