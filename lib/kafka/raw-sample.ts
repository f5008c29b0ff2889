import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import { describeGroupsWithOffsets } from "@/lib/kafka/group-offsets";
import { allowOfflinePartitions } from "@/lib/kafka/offline-partitions";
import { readClusterMetadata } from "@/lib/kafka/cluster-metadata";
import { readTopics } from "@/lib/kafka/partition-offsets";
import { readRecordTimestamps, type TimestampReadStats, type WantedRecord } from "@/lib/kafka/record-timestamps";
import { listMeasuredTopics, nextOffsetOf, RecordMap } from "@/lib/collector/group-positions";
import type { BrokerInfo, GroupMember } from "@/lib/collector/types";
import type { InternalCluster, RawMetadata } from "@/lib/kafka/internal-cluster";

/** What one sample reads from a cluster: offsets only, no derived numbers. */
export type RawSample = {
  clusterId: string;
  controller: number | null;
  brokers: BrokerInfo[];
  topics: RawTopic[];
  groups: RawGroup[];
  /**
   * Timestamps (ms) of the next record each lagging group reads, by topic, partition and offset; a
   * wanted record missing here could not be read (gone to retention or compaction, or the fetch
   * failed) and its time lag is estimated.
   */
  recordTimestamps: RecordMap<number>;
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
  committed: Map<string, ReadonlyMap<number, number>>;
};

/**
 * Reads a whole cluster in a fixed number of round trips: one metadata call, one ListGroups per
 * broker, one DescribeGroups per coordinator per 100 groups, one OffsetFetch per coordinator per
 * 500 groups (brokers before Kafka 3.0: one per group, at most GROUP_CONCURRENCY at a time), then
 * two ListOffsets per leader broker, and one Fetch per leader broker for the timestamps of the next
 * records lagging groups read that are not cached yet.
 *
 * A broker that is down does not fail the sample: its partitions that have another leader are
 * read there, offline partitions (no leader) are listed with leader −1 and their last known
 * offsets (see readTopics; kafkajs would fail every metadata call, see
 * offline-partitions.ts), and groups whose coordinator moved are asked again at the new one
 * within the same sample.
 */
export function takeRawSample(config: ClusterConfig, options: SampleOptions = DEFAULT_OPTIONS): Promise<RawSample> {
  return allowOfflinePartitions(() => sampleCluster(config, options));
}

async function sampleCluster(config: ClusterConfig, options: SampleOptions): Promise<RawSample> {
  const started = Date.now();
  const { cluster } = await connectKafkaClients(config);
  const metadata = await readClusterMetadata(cluster);
  const listed = await listAllGroups(cluster, metadata);
  const consumerGroupIds = listed
    .filter((group) => group.protocolType === "consumer" || group.protocolType === "")
    .map((group) => group.groupId);
  // Commits before end offsets, as kafka-consumer-groups reads them: a commit is never beyond the
  // end offset it was made against, and end offsets only grow, so no partition of a sample has a
  // commit past its end (read the other way round, a consumer that keeps up commits records
  // produced after its partition's end offset was read, and shows lag 0 behind an end it passed).
  const groups = await describeGroupsWithOffsets(config.name, cluster, consumerGroupIds);
  const topics = await readTopics(config.name, cluster, metadata);

  // readRecordTimestamps does not throw; the catch keeps it so: time lag may be estimated, the
  // sample never fails for it.
  const { timestamps, stats } = await readRecordTimestamps(config.name, cluster, wantedRecords(topics, groups), options.timestampBudgetMs).catch(
    () => ({ timestamps: new RecordMap<number>(), stats: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 } }),
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

/**
 * Every group the cluster knows: one ListGroups per broker of the metadata just read (each broker
 * answers for the groups it coordinates). kafkajs's admin.listGroups would first read the metadata
 * of every topic again, only for its broker list: a second full Metadata answer to decode every
 * sample (15,000 partitions' replicas and ISRs).
 */
async function listAllGroups(cluster: InternalCluster, metadata: RawMetadata): Promise<{ groupId: string; protocolType: string }[]> {
  const brokers = metadata.brokers.map((broker) => broker.nodeId).sort((a, b) => a - b);
  const answers = await Promise.all(brokers.map(async (nodeId) => (await cluster.findBroker({ nodeId })).listGroups()));
  return answers.flatMap((answer) => answer.groups);
}

/**
 * The next record of every group on every partition where it lags (the positions of
 * listGroupPositions, computed in place), each record once: the groups of a topic mostly want the
 * same few records.
 */
export function wantedRecords(topics: RawTopic[], groups: RawGroup[]): WantedRecord[] {
  const topicsByName = new Map(topics.map((topic) => [topic.name, topic]));
  const seen = new RecordMap<true>();
  const wanted: WantedRecord[] = [];
  for (const group of groups) {
    for (const topic of listMeasuredTopics(group, topicsByName)) {
      const committed = group.committed.get(topic.name);
      for (const { partition, startOffset, endOffset, leader } of topic.partitions) {
        const offset = nextOffsetOf(committed?.get(partition) ?? null, startOffset);
        if (endOffset - offset <= 0 || seen.has(topic.name, partition, offset)) continue;
        seen.set(topic.name, partition, offset, true);
        wanted.push({ topic: topic.name, partition, offset, leader });
      }
    }
  }
  return wanted;
}
