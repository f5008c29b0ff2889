import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import { decodeMemberAssignment, type Broker, type InternalCluster } from "@/lib/kafka/internal-cluster";
import { allowOfflinePartitions } from "@/lib/kafka/offline-partitions";
import { getPartitionOffsets, readClusterMetadata, readPartitionOffsets } from "@/lib/kafka/partition-offsets";
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
 *
 * A broker that is down does not fail the sample: its partitions that have another leader are
 * read there, offline partitions (no leader) are listed with leader −1 and their last known
 * offsets (see readPartitionOffsets; kafkajs would fail every metadata call, see
 * offline-partitions.ts), and groups whose coordinator moved are asked again at the new one
 * within the same sample.
 */
export function takeRawSample(config: ClusterConfig, options: SampleOptions = DEFAULT_OPTIONS): Promise<RawSample> {
  return allowOfflinePartitions(() => sampleCluster(config, options));
}

async function sampleCluster(config: ClusterConfig, options: SampleOptions): Promise<RawSample> {
  const started = Date.now();
  const { admin, cluster } = await connectKafkaClients(config);
  const metadata = await readClusterMetadata(cluster);
  const offsets = await readPartitionOffsets(config.name, cluster, metadata);
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
          const { start, end } = getPartitionOffsets(offsets, topic.topic, partition.partitionId);
          return {
            partition: partition.partitionId,
            leader: partition.leader,
            replicas: partition.replicas,
            isr: partition.isr,
            offlineReplicas: partition.offlineReplicas ?? [],
            startOffset: start,
            endOffset: end,
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

async function findCoordinator(clusterName: string, cluster: InternalCluster, groupId: string): Promise<number> {
  let cache = coordinatorCache.get(clusterName);
  if (!cache) coordinatorCache.set(clusterName, (cache = new Map()));
  const known = cache.get(groupId);
  if (known !== undefined) return known;
  const { coordinator } = await cluster.findGroupCoordinatorMetadata({ groupId });
  cache.set(groupId, coordinator.nodeId);
  return coordinator.nodeId;
}

/**
 * Describes the groups and reads their committed offsets at their coordinators. A group whose
 * coordinator did not answer or said it is not (any more) the coordinator is looked up afresh and
 * asked again once, in the same sample: a broker stopping hands its coordinators to others. On
 * that second attempt a failed request fails the sample as before; a group still without a
 * coordinator is left out of this sample.
 */
async function describeGroupsWithOffsets(clusterName: string, cluster: InternalCluster, groupIds: string[]): Promise<RawGroup[]> {
  const groups = new Map<string, RawGroup>();
  const retry = await describeGroupsOnce(clusterName, cluster, groupIds, groups, false);
  if (retry.length > 0) await describeGroupsOnce(clusterName, cluster, retry, groups, true);
  return [...groups.values()].sort((a, b) => a.groupId.localeCompare(b.groupId));
}

/** One pass over `groupIds`; adds what it read to `groups` and returns the groups to ask again. */
async function describeGroupsOnce(
  clusterName: string,
  cluster: InternalCluster,
  groupIds: string[],
  groups: Map<string, RawGroup>,
  lastAttempt: boolean,
): Promise<string[]> {
  const retry: string[] = [];
  const forget = (groupId: string) => coordinatorCache.get(clusterName)?.delete(groupId);
  const failed = (error: unknown, ids: string[]) => {
    ids.forEach(forget);
    if (lastAttempt) throw error;
    retry.push(...ids);
  };
  const coordinators = new Map<string, number>();
  await runBounded(groupIds, GROUP_CONCURRENCY, async (groupId) => {
    coordinators.set(groupId, await findCoordinator(clusterName, cluster, groupId));
  });
  const byCoordinator = new Map<number, string[]>();
  for (const [groupId, nodeId] of coordinators) byCoordinator.set(nodeId, [...(byCoordinator.get(nodeId) ?? []), groupId]);

  const described: RawGroup[] = [];
  for (const [nodeId, ids] of byCoordinator) {
    for (let index = 0; index < ids.length; index += DESCRIBE_BATCH) {
      const batch = ids.slice(index, index + DESCRIBE_BATCH);
      let answer: Awaited<ReturnType<Broker["describeGroups"]>>;
      try {
        answer = await (await cluster.findBroker({ nodeId })).describeGroups({ groupIds: batch });
      } catch (error) {
        failed(error, batch);
        continue;
      }
      for (const group of answer.groups) {
        if (group.errorCode !== 0) {
          // NOT_COORDINATOR (16) or COORDINATOR_LOAD_IN_PROGRESS (14): look it up afresh.
          forget(group.groupId);
          if (!lastAttempt) retry.push(group.groupId);
          continue;
        }
        described.push({
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

  await runBounded(described, GROUP_CONCURRENCY, async (group) => {
    try {
      const broker = await cluster.findBroker({ nodeId: coordinators.get(group.groupId)! });
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
      groups.set(group.groupId, group);
    } catch (error) {
      failed(error, [group.groupId]);
    }
  });
  return retry;
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
