import "server-only";
import type { InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";
import { EARLIEST, LATEST, listOffsetsBatch, type ListedOffsets } from "@/lib/kafka/list-offsets-batch";

export type PartitionOffsets = { start: number; end: number };

/** topic → partition → offsets. */
export type OffsetsByPartition = Map<string, Map<number, PartitionOffsets>>;

/** The last offsets each partition reported while it had a leader, per cluster: see readPartitionOffsets. */
const lastKnownOffsets = new Map<string, OffsetsByPartition>();

type PoolView = { brokerPool: { brokers: Record<string, unknown> }; refreshMetadata(): Promise<void> };

/**
 * The cluster's metadata, with kafkajs's broker pool brought in line with it. kafkajs caches the
 * broker list for minutes: a stopped broker stays in it (and a metadata request sent there fails
 * the whole call), a restarted one is missing (so its partitions cannot be asked). One refresh
 * when the lists differ or the first request fails keeps a sample working while a broker is down.
 */
export async function readClusterMetadata(cluster: InternalCluster): Promise<RawMetadata> {
  const pool = cluster as unknown as PoolView;
  let metadata: RawMetadata;
  try {
    metadata = await cluster.metadata();
  } catch {
    await pool.refreshMetadata();
    metadata = await cluster.metadata();
  }
  const pooled = Object.keys(pool.brokerPool.brokers).sort().join(",");
  const live = metadata.brokers.map((broker) => String(broker.nodeId)).sort().join(",");
  if (pooled !== live) await pool.refreshMetadata();
  return metadata;
}

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
