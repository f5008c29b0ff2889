import "server-only";
import type { Broker, InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";
import { readMetadata, supportsMetadataV6 } from "@/lib/kafka/cluster-metadata";
import { EARLIEST, LATEST, listOffsetsBatch, type ListedOffsets } from "@/lib/kafka/list-offsets-batch";

export type PartitionOffsets = { start: number; end: number };

/** topic → partition → offsets. */
export type OffsetsByPartition = Map<string, Map<number, PartitionOffsets>>;

/** The last offsets each partition reported while it had a leader, per cluster: see readPartitionOffsets. */
const lastKnownOffsets = new Map<string, OffsetsByPartition>();

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
 * The pool's brokers are asked in turn until one answers; none known yet (the first sample after
 * connecting), the broker the pool connected to.
 */
export async function readClusterMetadata(cluster: InternalCluster): Promise<RawMetadata> {
  const pool = (cluster as unknown as PoolView).brokerPool;
  const metadata = await askAnyBroker(pool);
  const pooled = Object.keys(pool.brokers).sort().join(",");
  const live = metadata.brokers.map((broker) => String(broker.nodeId)).sort().join(",");
  if (pooled !== live) {
    const topic = metadata.topicMetadata.find((candidate) => candidate.topicErrorCode === 0)?.topic;
    await pool.refreshMetadata(topic === undefined ? [] : [topic]);
  }
  return metadata;
}

async function askAnyBroker(pool: PoolView["brokerPool"]): Promise<RawMetadata> {
  const nodeIds = Object.keys(pool.brokers).sort((a, b) => Number(a) - Number(b));
  if (nodeIds.length === 0) return ask(pool.seedBroker);
  let lastError: unknown;
  for (const nodeId of nodeIds) {
    try {
      return await ask(await pool.findBroker({ nodeId }));
    } catch (error) {
      lastError = error;
    }
  }
  // Every broker the pool knew failed: the address it connected to first may lead to a live one.
  try {
    return await ask(pool.seedBroker);
  } catch {
    throw lastError;
  }
}

/** Metadata v6 read by hand, or kafkajs's own request where a broker (before Kafka 2.0) does not speak it. */
const ask = (broker: Broker): Promise<RawMetadata> => (supportsMetadataV6(broker) ? readMetadata(broker) : broker.metadata([]));

/**
 * Start and end offsets of every partition: two ListOffsets per leader broker. A partition
 * without a leader (offline) cannot be asked; it keeps the offsets read while it last had one,
 * which stay exact while it is offline (nothing can be written to it), so lag on it is the last
 * end offset minus the group's commit. A partition whose leader did not answer (it just moved,
 * or its broker died before the controller noticed), or answered it with an error, likewise keeps
 * its last known offsets for this sample. Offsets never known are 0 (a partition offline since the
 * collector started). Fails only when no leader at all answered, so an unreachable cluster still
 * fails the sample.
 */
export async function readPartitionOffsets(clusterName: string, cluster: InternalCluster, metadata: RawMetadata): Promise<OffsetsByPartition> {
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const topic of metadata.topicMetadata) {
    if (topic.topicErrorCode !== 0) continue;
    for (const partition of topic.partitionMetadata) {
      if (partition.leader < 0) continue;
      let topics = byLeader.get(partition.leader);
      if (!topics) byLeader.set(partition.leader, (topics = new Map()));
      const partitions = topics.get(topic.topic);
      if (partitions) partitions.push(partition.partitionId);
      else topics.set(topic.topic, [partition.partitionId]);
    }
  }
  const answers: { start: ListedOffsets[]; end: ListedOffsets[] } = { start: [], end: [] };
  const errors: unknown[] = [];
  await Promise.all(
    [...byLeader].flatMap(([nodeId, topics]) =>
      ([[LATEST, answers.end], [EARLIEST, answers.start]] as const).map(async ([timestamp, target]) => {
        try {
          target.push(await listOffsetsBatch(await cluster.findBroker({ nodeId }), topics, timestamp));
        } catch (error) {
          errors.push(error);
        }
      }),
    ),
  );
  if (byLeader.size > 0 && errors.length === byLeader.size * 2) throw errors[0];
  const start = merged(answers.start);
  const end = merged(answers.end);

  const previous = lastKnownOffsets.get(clusterName);
  const offsets: OffsetsByPartition = new Map();
  for (const topic of metadata.topicMetadata) {
    if (topic.topicErrorCode !== 0) continue;
    const known = previous?.get(topic.topic);
    const partitions = new Map<number, PartitionOffsets>();
    for (const { partitionId } of topic.partitionMetadata) {
      const last = known?.get(partitionId);
      const endOffset = end.get(topic.topic)?.get(partitionId) ?? last?.end ?? 0;
      partitions.set(partitionId, { start: Math.min(start.get(topic.topic)?.get(partitionId) ?? last?.start ?? 0, endOffset), end: endOffset });
    }
    offsets.set(topic.topic, partitions);
  }
  // Only partitions that exist now: a deleted topic's offsets go with it.
  lastKnownOffsets.set(clusterName, offsets);
  return offsets;
}

/** The brokers' answers as one map (each partition is answered by its one leader). */
function merged(answers: ListedOffsets[]): ListedOffsets {
  const all: ListedOffsets = new Map();
  for (const answer of answers) {
    for (const [topic, partitions] of answer) {
      const into = all.get(topic);
      if (!into) all.set(topic, partitions);
      else for (const [partition, offset] of partitions) into.set(partition, offset);
    }
  }
  return all;
}

export function getPartitionOffsets(offsets: OffsetsByPartition, topic: string, partition: number): PartitionOffsets {
  return offsets.get(topic)?.get(partition) ?? { start: 0, end: 0 };
}
