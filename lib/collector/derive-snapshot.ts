import type { RawSample } from "@/lib/kafka/raw-sample";
import type { ClusterSnapshot, GroupPartitionLag, GroupStatus, GroupSnapshot, GroupTopicSummary, TopicSnapshot } from "@/lib/collector/types";
import { OffsetTable, partitionTimeLag, worstTimeLag } from "@/lib/collector/time-lag";
import { listGroupPositions, recordKey, type GroupPosition } from "@/lib/collector/group-positions";
import { evaluateLagWindow, worstStatus, type LagObservation } from "@/lib/collector/group-status";

/** What the collector remembers between samples of one cluster (per-partition detail stays in memory). */
export type DeriveState = {
  previous: RawSample | null;
  endOffsetTables: Map<string, OffsetTable>;
  partitionWindows: Map<string, LagObservation[]>;
  topicWindows: Map<string, LagObservation[]>;
};

export type DeriveOptions = {
  cluster: string;
  windowSize: number;
  maxOffsetPoints: number;
  retentionMsByTopic: Map<string, number>;
};

export function createDeriveState(): DeriveState {
  return { previous: null, endOffsetTables: new Map(), partitionWindows: new Map(), topicWindows: new Map() };
}

const key = (...parts: (string | number)[]) => parts.join("\u0000");

/** Turns a raw sample plus what came before into the snapshot pages read. Mutates `state`. */
export function deriveSnapshot(state: DeriveState, raw: RawSample, options: DeriveOptions): ClusterSnapshot {
  const previous = state.previous;
  const elapsedSeconds = previous ? (raw.sampledAt - previous.sampledAt) / 1000 : 0;

  const liveTables = new Map<string, OffsetTable>();
  const topics: TopicSnapshot[] = raw.topics.map((topic) => {
    let produced = 0;
    let comparable = previous !== null && elapsedSeconds > 0;
    for (const partition of topic.partitions) {
      const partitionKey = key(topic.name, partition.partition);
      // The table's latest point is the previous sample's end offset (tables live exactly as long
      // as their partition is in the samples).
      const known = state.endOffsetTables.get(partitionKey);
      const before = known?.latestOffset();
      const table = known ?? new OffsetTable(options.maxOffsetPoints);
      table.append({ offset: partition.endOffset, time: raw.sampledAt });
      liveTables.set(partitionKey, table);
      if (before === undefined || partition.endOffset < before) comparable = false;
      else produced += partition.endOffset - before;
    }
    const replicationFactor = Math.max(0, ...topic.partitions.map((partition) => partition.replicas.length));
    return {
      name: topic.name,
      internal: topic.internal,
      partitions: topic.partitions,
      replicationFactor,
      messagesPerSec: comparable ? produced / elapsedSeconds : null,
      messageCount: topic.partitions.reduce((sum, partition) => sum + (partition.endOffset - partition.startOffset), 0),
      underReplicatedPartitions: topic.partitions.filter((partition) => partition.isr.length < partition.replicas.length).length,
      offlinePartitions: topic.partitions.filter((partition) => partition.leader < 0).length,
      retentionMs: options.retentionMsByTopic.get(topic.name) ?? null,
    };
  });
  // Tables of vanished topics are dropped with them.
  state.endOffsetTables = liveTables;

  const topicsByName = new Map(topics.map((topic) => [topic.name, topic]));
  const previousGroups = new Map((previous?.groups ?? []).map((group) => [group.groupId, group]));
  const liveWindows = new Map<string, LagObservation[]>();
  const liveTopicWindows = new Map<string, LagObservation[]>();

  const groups: GroupSnapshot[] = raw.groups.map((group) => {
    const hasActiveMembers = group.members.length > 0;
    const positionsByTopic = new Map<string, GroupPosition[]>();
    for (const position of listGroupPositions(group, topicsByName)) {
      const list = positionsByTopic.get(position.topic);
      if (list) list.push(position);
      else positionsByTopic.set(position.topic, [position]);
    }
    const partitions: GroupPartitionLag[] = [];
    const summaries: GroupTopicSummary[] = [];
    const reasons: { status: GroupStatus; reason: string }[] = [];

    for (const [topicName, positions] of positionsByTopic) {
      const committed = group.committed.get(topicName) ?? new Map<number, number>();
      const partitionReasons: { status: GroupStatus; reason: string }[] = [];
      const topicPartitions: GroupPartitionLag[] = positions.map((position) => {
        const { partition, committedOffset, lag } = position;
        const partitionKey = key(topicName, partition);
        const windowKey = key(group.groupId, partitionKey);
        const window = appendToWindow(state.partitionWindows.get(windowKey), { time: raw.sampledAt, committedOffset, lag }, options.windowSize);
        liveWindows.set(windowKey, window);
        const timeLag = partitionTimeLag({
          lag,
          nextOffset: position.nextOffset,
          recordTimestamp: raw.recordTimestamps.get(recordKey(topicName, partition, position.nextOffset)),
          table: liveTables.get(partitionKey),
          now: raw.sampledAt,
        });
        const verdict = evaluateLagWindow(window, { windowSize: options.windowSize, hasActiveMembers });
        partitionReasons.push({ status: verdict.status, reason: `${topicName}[${partition}]: ${verdict.reason}` });
        return {
          topic: topicName,
          partition,
          committedOffset,
          endOffset: position.endOffset,
          startOffset: position.startOffset,
          lag,
          timeLagSeconds: timeLag.seconds,
          timeLagEstimated: timeLag.estimated,
          status: verdict.status,
        };
      });
      partitions.push(...topicPartitions);

      const lag = sum(topicPartitions.map((partition) => partition.lag));
      const committedSum = sum(topicPartitions.map((partition) => partition.committedOffset ?? 0));
      const topicWindowKey = key(group.groupId, topicName);
      const topicWindow = appendToWindow(
        state.topicWindows.get(topicWindowKey),
        { time: raw.sampledAt, committedOffset: committedSum, lag },
        options.windowSize,
      );
      liveTopicWindows.set(topicWindowKey, topicWindow);
      // The summed series catches a slow consumer whose per-partition lag wobbles as it moves
      // between partitions but whose total never falls.
      const topicVerdict = evaluateLagWindow(topicWindow, { windowSize: options.windowSize, hasActiveMembers });
      const topicReason = { status: topicVerdict.status, reason: `${topicName}: ${topicVerdict.reason}` };
      const topicReasons = [topicReason, ...partitionReasons];
      const topicStatus = worstStatus(topicReasons.map((entry) => entry.status));
      // Listed first so that, at equal severity, the topic-level reason explains the status.
      reasons.unshift(topicReason);
      reasons.push(...partitionReasons);
      const topicTimeLag = worstTimeLag(topicPartitions.map((partition) => ({ seconds: partition.timeLagSeconds, estimated: partition.timeLagEstimated })));
      summaries.push({
        topic: topicName,
        lag,
        maxLag: Math.max(0, ...topicPartitions.map((partition) => partition.lag)),
        timeLagSeconds: topicTimeLag.seconds,
        timeLagEstimated: topicTimeLag.estimated,
        consumedPerSec: consumedRate(previousGroups.get(group.groupId)?.committed.get(topicName), committed, elapsedSeconds),
        status: topicStatus,
        statusReason: topicReasons.find((entry) => entry.status === topicStatus)!.reason,
      });
    }

    const status = worstStatus(summaries.map((summary) => summary.status));
    const lag = sum(summaries.map((summary) => summary.lag));
    const consumedPerSec = sumOrNull(summaries.map((summary) => summary.consumedPerSec));
    const producedPerSec = sumOrNull(summaries.map((summary) => topicsByName.get(summary.topic)?.messagesPerSec ?? null));
    const netRate = consumedPerSec !== null && producedPerSec !== null ? consumedPerSec - producedPerSec : null;
    const groupTimeLag = worstTimeLag(summaries.map((summary) => ({ seconds: summary.timeLagSeconds, estimated: summary.timeLagEstimated })));
    return {
      groupId: group.groupId,
      state: group.state,
      protocolType: group.protocolType,
      members: group.members,
      topics: summaries,
      partitions,
      lag,
      maxLag: Math.max(0, ...partitions.map((partition) => partition.lag)),
      timeLagSeconds: groupTimeLag.seconds,
      timeLagEstimated: groupTimeLag.estimated,
      consumedPerSec,
      status,
      statusReason: reasons.find((entry) => entry.status === status)?.reason ?? "no committed offsets",
      catchUpSeconds: lag > 0 && netRate !== null && netRate > 0 ? lag / netRate : null,
    };
  });

  state.partitionWindows = liveWindows;
  state.topicWindows = liveTopicWindows;
  state.previous = raw;

  const visible = topics.filter((topic) => !topic.internal);
  return {
    cluster: options.cluster,
    clusterId: raw.clusterId,
    controller: raw.controller,
    brokers: raw.brokers,
    topics,
    groups,
    sampledAt: raw.sampledAt,
    sampleDurationMs: raw.durationMs,
    totals: {
      topics: visible.length,
      partitions: visible.reduce((total, topic) => total + topic.partitions.length, 0),
      underReplicatedPartitions: topics.reduce((total, topic) => total + topic.underReplicatedPartitions, 0),
      offlinePartitions: topics.reduce((total, topic) => total + topic.offlinePartitions, 0),
      messagesPerSec: sumOrNull(visible.map((topic) => topic.messagesPerSec)),
    },
    // Filled in by the collector's record sampling (producer-sampling.ts), which offsets cannot tell.
    producers: [],
    conformance: [],
    conformanceTotals: [],
  };
}

/** Appends in place and keeps the last `size` observations. */
function appendToWindow(window: LagObservation[] | undefined, observation: LagObservation, size: number): LagObservation[] {
  const target = window ?? [];
  target.push(observation);
  if (target.length > size) target.splice(0, target.length - size);
  return target;
}

function consumedRate(
  before: Map<number, number> | undefined,
  after: Map<number, number>,
  elapsedSeconds: number,
): number | null {
  if (!before || elapsedSeconds <= 0) return null;
  let advanced = 0;
  for (const [partition, offset] of after) {
    const previous = before.get(partition);
    if (previous !== undefined && offset >= previous) advanced += offset - previous;
  }
  return advanced / elapsedSeconds;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function sumOrNull(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return values.length === 0 ? 0 : null;
  return sum(values as number[]);
}
