import "server-only";
import type { InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";

const LATEST = -1;
const EARLIEST = -2;

export type PartitionOffsets = { start: number; end: number };

/** The last offsets each partition reported while it had a leader, per cluster: see readPartitionOffsets. */
const lastKnownOffsets = new Map<string, Map<string, PartitionOffsets>>();

const offsetKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

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
 * or its broker died before the controller noticed) likewise keeps its last known offsets for
 * this sample. Offsets never known are 0 (a partition offline since the collector started).
 * Fails only when no leader at all answered, so an unreachable cluster still fails the sample.
 */
export async function readPartitionOffsets(clusterName: string, cluster: InternalCluster, metadata: RawMetadata): Promise<Map<string, PartitionOffsets>> {
  const byLeader = new Map<number, Map<string, number[]>>();
  for (const topic of metadata.topicMetadata) {
    if (topic.topicErrorCode !== 0) continue;
    for (const partition of topic.partitionMetadata) {
      if (partition.leader < 0) continue;
      const topics = byLeader.get(partition.leader) ?? new Map<string, number[]>();
      topics.set(topic.topic, [...(topics.get(topic.topic) ?? []), partition.partitionId]);
      byLeader.set(partition.leader, topics);
    }
  }
  const start = new Map<string, number>();
  const end = new Map<string, number>();
  const errors: unknown[] = [];
  await Promise.all(
    [...byLeader].flatMap(([nodeId, topics]) =>
      ([[LATEST, end], [EARLIEST, start]] as const).map(async ([timestamp, target]) => {
        try {
          const broker = await cluster.findBroker({ nodeId });
          const { responses } = await broker.listOffsets({
            isolationLevel: 0,
            topics: [...topics].map(([topic, partitions]) => ({ topic, partitions: partitions.map((partition) => ({ partition, timestamp })) })),
          });
          for (const response of responses) {
            for (const partition of response.partitions) {
              if (partition.errorCode === 0) target.set(offsetKey(response.topic, partition.partition), Number(partition.offset));
            }
          }
        } catch (error) {
          errors.push(error);
        }
      }),
    ),
  );
  if (byLeader.size > 0 && errors.length === byLeader.size * 2) throw errors[0];

  const previous = lastKnownOffsets.get(clusterName);
  const offsets = new Map<string, PartitionOffsets>();
  for (const topic of metadata.topicMetadata) {
    if (topic.topicErrorCode !== 0) continue;
    for (const partition of topic.partitionMetadata) {
      const key = offsetKey(topic.topic, partition.partitionId);
      const known = previous?.get(key);
      const endOffset = end.get(key) ?? known?.end ?? 0;
      offsets.set(key, { start: Math.min(start.get(key) ?? known?.start ?? 0, endOffset), end: endOffset });
    }
  }
  // Only partitions that exist now: a deleted topic's offsets go with it.
  lastKnownOffsets.set(clusterName, offsets);
  return offsets;
}

export function getPartitionOffsets(offsets: Map<string, PartitionOffsets>, topic: string, partition: number): PartitionOffsets {
  return offsets.get(offsetKey(topic, partition)) ?? { start: 0, end: 0 };
}
