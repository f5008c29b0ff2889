import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import { decodeMemberAssignment, type InternalCluster, type RawMetadata } from "@/lib/kafka/internal-cluster";
import { readRecordTimestamps, type TimestampReadStats, type WantedRecord } from "@/lib/kafka/record-timestamps";
import { listGroupPositions } from "@/lib/collector/group-positions";
import type { BrokerInfo, GroupMember } from "@/lib/collector/types";

/** What one sample reads from a cluster: offsets only, no derived numbers. */
export type RawSample = {
  clusterId: string;
  controller: number | null;
  brokers: BrokerInfo[];
  topics: RawTopic[];
  groups: RawGroup[];
  /**
   * Timestamps (ms) of the next record each lagging group reads, keyed by
   * `recordKey(topic, partition, offset)`; a wanted record missing here could not be read (gone to
   * retention or compaction, or the fetch failed) and its time lag is estimated.
   */
  recordTimestamps: Map<string, number>;
  /** What reading those timestamps cost this sample. */
  timestampReads: TimestampReadStats;
  sampledAt: number;
  durationMs: number;
};

export type SampleOptions = {
  /** At most this long is spent reading record timestamps; what is not read by then is estimated. */
  timestampBudgetMs: number;
};

const DEFAULT_OPTIONS: SampleOptions = { timestampBudgetMs: 2_000 };

export type RawTopic = {
  name: string;
  internal: boolean;
  partitions: {
    partition: number;
    leader: number;
    replicas: number[];
    isr: number[];
    offlineReplicas: number[];
    startOffset: number;
    endOffset: number;
  }[];
};

export type RawGroup = {
  groupId: string;
  state: string;
  protocolType: string;
  members: GroupMember[];
  /** topic -> partition -> committed offset */
  committed: Map<string, Map<number, number>>;
};

const LATEST = -1;
const EARLIEST = -2;
const GROUP_CONCURRENCY = 16;
const DESCRIBE_BATCH = 100;

/** Caches each group's coordinator between samples; kafkajs would look it up on every call. */
const coordinatorCache = new Map<string, Map<string, number>>();

/**
 * Reads a whole cluster in a fixed number of round trips: one metadata call, two ListOffsets per
 * leader broker, one ListGroups per broker, one DescribeGroups per coordinator per 100 groups,
 * one OffsetFetch per group (the protocol version kafkajs speaks has no multi-group form), at most
 * GROUP_CONCURRENCY at a time, and one Fetch per leader broker for the timestamps of the next
 * records lagging groups read that are not cached yet.
 */
export async function takeRawSample(config: ClusterConfig, options: SampleOptions = DEFAULT_OPTIONS): Promise<RawSample> {
  const started = Date.now();
  const { admin, cluster } = await connectKafkaClients(config);
  const metadata = await cluster.metadata();
  const offsets = await fetchAllOffsets(cluster, metadata);
  const { groups: listed } = await admin.listGroups();
  const consumerGroupIds = listed
    .filter((group) => group.protocolType === "consumer" || group.protocolType === "")
    .map((group) => group.groupId);
  const groups = await describeGroupsWithOffsets(config.name, cluster, consumerGroupIds);

  const topics: RawTopic[] = metadata.topicMetadata
    .filter((topic) => topic.topicErrorCode === 0)
    .map((topic) => ({
      name: topic.topic,
      internal: Boolean(topic.isInternal) || topic.topic.startsWith("__"),
      partitions: topic.partitionMetadata
        .map((partition) => {
          const key = `${topic.topic}\u0000${partition.partitionId}`;
          return {
            partition: partition.partitionId,
            leader: partition.leader,
            replicas: partition.replicas,
            isr: partition.isr,
            offlineReplicas: partition.offlineReplicas ?? [],
            startOffset: offsets.start.get(key) ?? 0,
            endOffset: offsets.end.get(key) ?? 0,
          };
        })
        .sort((a, b) => a.partition - b.partition),
    }));

  // readRecordTimestamps does not throw; the catch keeps it so: time lag may be estimated, the
  // sample never fails for it.
  const { timestamps, stats } = await readRecordTimestamps(config.name, cluster, wantedRecords(topics, groups), options.timestampBudgetMs).catch(
    () => ({ timestamps: new Map<string, number>(), stats: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 } }),
  );

  return {
    clusterId: metadata.clusterId ?? "",
    controller: metadata.controllerId ?? null,
    brokers: metadata.brokers
      .map((broker) => ({ nodeId: broker.nodeId, host: broker.host, port: broker.port, rack: broker.rack ?? null }))
      .sort((a, b) => a.nodeId - b.nodeId),
    topics,
    groups,
    recordTimestamps: timestamps,
    timestampReads: stats,
    sampledAt: Date.now(),
    durationMs: Date.now() - started,
  };
}

/** The next record of every group on every partition where it lags (see listGroupPositions). */
function wantedRecords(topics: RawTopic[], groups: RawGroup[]): WantedRecord[] {
  const topicsByName = new Map(topics.map((topic) => [topic.name, topic]));
  const leaders = new Map(topics.flatMap((topic) => topic.partitions.map((partition) => [`${topic.name}\u0000${partition.partition}`, partition.leader])));
  return groups.flatMap((group) =>
    listGroupPositions(group, topicsByName)
      .filter((position) => position.lag > 0)
      .map((position) => ({
        topic: position.topic,
        partition: position.partition,
        offset: position.nextOffset,
        leader: leaders.get(`${position.topic}\u0000${position.partition}`) ?? -1,
      })),
  );
}

async function fetchAllOffsets(cluster: InternalCluster, metadata: RawMetadata) {
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
  await Promise.all(
    [...byLeader].flatMap(([nodeId, topics]) =>
      [
        [LATEST, end],
        [EARLIEST, start],
      ].map(async ([timestamp, target]) => {
        const broker = await cluster.findBroker({ nodeId });
        const { responses } = await broker.listOffsets({
          isolationLevel: 0,
          topics: [...topics].map(([topic, partitions]) => ({
            topic,
            partitions: partitions.map((partition) => ({ partition, timestamp: timestamp as number })),
          })),
        });
        for (const response of responses) {
          for (const partition of response.partitions) {
            if (partition.errorCode === 0) {
              (target as Map<string, number>).set(`${response.topic}\u0000${partition.partition}`, Number(partition.offset));
            }
          }
        }
      }),
    ),
  );
  return { start, end };
}

async function findCoordinator(clusterName: string, cluster: InternalCluster, groupId: string): Promise<number> {
  let cache = coordinatorCache.get(clusterName);
  if (!cache) coordinatorCache.set(clusterName, (cache = new Map()));
  const known = cache.get(groupId);
  if (known !== undefined) return known;
  const { coordinator } = await cluster.findGroupCoordinatorMetadata({ groupId });
  cache.set(groupId, coordinator.nodeId);
  return coordinator.nodeId;
}

async function describeGroupsWithOffsets(
  clusterName: string,
  cluster: InternalCluster,
  groupIds: string[],
): Promise<RawGroup[]> {
  const coordinators = new Map<string, number>();
  await runBounded(groupIds, GROUP_CONCURRENCY, async (groupId) => {
    coordinators.set(groupId, await findCoordinator(clusterName, cluster, groupId));
  });
  const byCoordinator = new Map<number, string[]>();
  for (const [groupId, nodeId] of coordinators) byCoordinator.set(nodeId, [...(byCoordinator.get(nodeId) ?? []), groupId]);

  const groups = new Map<string, RawGroup>();
  for (const [nodeId, ids] of byCoordinator) {
    const broker = await cluster.findBroker({ nodeId });
    for (let index = 0; index < ids.length; index += DESCRIBE_BATCH) {
      const { groups: described } = await broker.describeGroups({ groupIds: ids.slice(index, index + DESCRIBE_BATCH) });
      for (const group of described) {
        if (group.errorCode !== 0) {
          // NOT_COORDINATOR (16) or COORDINATOR_LOAD_IN_PROGRESS (14): look it up afresh next sample.
          coordinatorCache.get(clusterName)?.delete(group.groupId);
          continue;
        }
        groups.set(group.groupId, {
          groupId: group.groupId,
          state: group.state,
          protocolType: group.protocolType,
          members: group.members.map((member) => ({
            memberId: member.memberId,
            clientId: member.clientId,
            host: member.clientHost.replace(/^\//, ""),
            assignments: group.protocolType === "consumer" ? safeDecode(member.memberAssignment) : [],
          })),
          committed: new Map(),
        });
      }
    }
  }

  await runBounded([...groups.values()], GROUP_CONCURRENCY, async (group) => {
    const nodeId = coordinators.get(group.groupId)!;
    const broker = await cluster.findBroker({ nodeId });
    try {
      // An empty topic list is sent as null: every partition the group has committed.
      const { responses } = await broker.offsetFetch({ groupId: group.groupId, topics: [] });
      for (const response of responses) {
        const partitions = new Map<number, number>();
        for (const partition of response.partitions) {
          const offset = Number(partition.offset);
          if (partition.errorCode === 0 && offset >= 0) partitions.set(partition.partition, offset);
        }
        if (partitions.size > 0) group.committed.set(response.topic, partitions);
      }
    } catch (error) {
      coordinatorCache.get(clusterName)?.delete(group.groupId);
      throw error;
    }
  });
  return [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}

function safeDecode(buffer: Buffer) {
  try {
    return decodeMemberAssignment(buffer);
  } catch {
    return [];
  }
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function runBounded<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  });
  await Promise.all(workers);
}
