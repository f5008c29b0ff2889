import "server-only";
import type { InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";
import { NO_NODES } from "@/lib/kafka/cluster-metadata";
import { EARLIEST, LATEST, listOffsetsBatch, type OffsetSink } from "@/lib/kafka/list-offsets-batch";
import type { RawTopic } from "@/lib/kafka/raw-sample";

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
