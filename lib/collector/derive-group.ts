import type { RawGroup } from "@/lib/kafka/raw-sample";
import type { GroupPartitionLag, GroupSnapshot, GroupStatus, GroupTopicSummary, TopicSnapshot } from "@/lib/collector/types";
import { partitionTimeLag, worstTimeLag, type OffsetTable } from "@/lib/collector/time-lag";
import { listGroupPositions, recordKey, type GroupPosition } from "@/lib/collector/group-positions";
import { describeLagWindow, evaluateLagStatus, worstStatus } from "@/lib/collector/group-status";
import {
  createTopicLagWindows, lagWindowsFit, partitionCountOf, previousCommitted, recordObservation, reshapeLagWindows, seriesOfPartition,
  type LagWindowCursor, type TopicLagWindows,
} from "@/lib/collector/lag-windows";

/** What every group of one sample is derived against. */
export type GroupDeriveContext = {
  /** Index of this sample (DeriveState.samples before it). */
  sample: number;
  sampledAt: number;
  /** The latest sample times, oldest first, this sample's last. */
  sampleTimes: readonly number[];
  elapsedSeconds: number;
  windowSize: number;
  topicsByName: ReadonlyMap<string, TopicSnapshot>;
  tables: ReadonlyMap<string, OffsetTable[]>;
  recordTimestamps: ReadonlyMap<string, number>;
  cursor: LagWindowCursor;
};

/**
 * What the collector keeps of one group between samples: its status windows per topic, and the
 * committed offsets on topics the sample's metadata did not list (a topic briefly missing from
 * metadata still gets its consumption rate when it is back, as from the previous sample).
 */
export type GroupMemory = { windows: Map<string, TopicLagWindows>; unlisted: Map<string, Map<number, number>> };

export const createGroupMemory = (): GroupMemory => ({ windows: new Map(), unlisted: new Map() });

type TopicWork = { topic: string; windows: TopicLagWindows; partitions: GroupPartitionLag[]; topicLevel: GroupStatus };

/**
 * One group's lag, time lag, rates and statuses. Its windows from the previous sample are in
 * `before` (group → topic); the ones it keeps are put in `after`.
 */
export function deriveGroup(
  group: RawGroup,
  before: GroupMemory | undefined,
  after: GroupMemory,
  context: GroupDeriveContext,
): GroupSnapshot {
  const hasActiveMembers = group.members.length > 0;
  const windowOptions = { windowSize: context.windowSize, hasActiveMembers };
  const positionsByTopic = new Map<string, GroupPosition[]>();
  for (const position of listGroupPositions(group, context.topicsByName)) {
    const list = positionsByTopic.get(position.topic);
    if (list) list.push(position);
    else positionsByTopic.set(position.topic, [position]);
  }
  const partitions: GroupPartitionLag[] = [];
  const summaries: GroupTopicSummary[] = [];
  const work: TopicWork[] = [];
  const { cursor, sample, sampleTimes } = context;
  const reasonOf = (entry: TopicWork, series: number) =>
    describeLagWindow(cursor.point(entry.windows, series, sample, sampleTimes), windowOptions).reason;

  for (const [topicName, positions] of positionsByTopic) {
    const ids = positions.map((position) => position.partition);
    const known = before?.windows.get(topicName);
    const windows = !known
      ? createTopicLagWindows(context.windowSize, ids)
      : lagWindowsFit(known, context.windowSize, ids)
        ? known
        : reshapeLagWindows(known, context.windowSize, ids, sample - 1);
    after.windows.set(topicName, windows);
    // From the windows as the previous sample left them (a reshape drops partitions that are gone).
    const consumed = consumedSince(known, before?.unlisted.get(topicName), group.committed.get(topicName), sample);
    const tables = context.tables.get(topicName);
    let lag = 0;
    let maxLag = 0;
    let committedSum = 0;
    const topicPartitions: GroupPartitionLag[] = [];
    positions.forEach((position, series) => {
      const { partition, committedOffset } = position;
      recordObservation(windows, series, sample, committedOffset, position.lag);
      const timeLag = partitionTimeLag({
        lag: position.lag,
        nextOffset: position.nextOffset,
        recordTimestamp: position.lag > 0 ? context.recordTimestamps.get(recordKey(topicName, partition, position.nextOffset)) : undefined,
        table: tables?.[partition],
        now: context.sampledAt,
      });
      topicPartitions.push({
        topic: topicName,
        partition,
        committedOffset,
        endOffset: position.endOffset,
        startOffset: position.startOffset,
        lag: position.lag,
        timeLagSeconds: timeLag.seconds,
        timeLagEstimated: timeLag.estimated,
        status: evaluateLagStatus(cursor.point(windows, series, sample, sampleTimes), windowOptions),
      });
      lag += position.lag;
      maxLag = Math.max(maxLag, position.lag);
      committedSum += committedOffset ?? 0;
    });
    partitions.push(...topicPartitions);

    // The summed series catches a slow consumer whose per-partition lag wobbles as it moves
    // between partitions but whose total never falls.
    const sumSeries = positions.length;
    recordObservation(windows, sumSeries, sample, committedSum, lag);
    const entry: TopicWork = {
      topic: topicName,
      windows,
      partitions: topicPartitions,
      topicLevel: evaluateLagStatus(cursor.point(windows, sumSeries, sample, sampleTimes), windowOptions),
    };
    work.push(entry);
    const topicStatus = worstStatus([entry.topicLevel, ...topicPartitions.map((partition) => partition.status)]);
    // The topic-level reason explains the status when it is as severe as the worst partition's.
    const explaining = entry.topicLevel === topicStatus ? -1 : topicPartitions.findIndex((partition) => partition.status === topicStatus);
    const topicTimeLag = worstTimeLag(topicPartitions.map((partition) => ({ seconds: partition.timeLagSeconds, estimated: partition.timeLagEstimated })));
    summaries.push({
      topic: topicName,
      lag,
      maxLag,
      timeLagSeconds: topicTimeLag.seconds,
      timeLagEstimated: topicTimeLag.estimated,
      consumedPerSec: consumed !== null && context.elapsedSeconds > 0 ? consumed / context.elapsedSeconds : null,
      status: topicStatus,
      statusReason:
        explaining < 0 ? `${topicName}: ${reasonOf(entry, sumSeries)}` : `${topicName}[${topicPartitions[explaining]!.partition}]: ${reasonOf(entry, explaining)}`,
    });
  }

  for (const [topicName, committed] of group.committed) if (!positionsByTopic.has(topicName)) after.unlisted.set(topicName, committed);

  const status = worstStatus(summaries.map((summary) => summary.status));
  const lag = summaries.reduce((total, summary) => total + summary.lag, 0);
  const consumedPerSec = sumOrNull(summaries.map((summary) => summary.consumedPerSec));
  const producedPerSec = sumOrNull(summaries.map((summary) => context.topicsByName.get(summary.topic)?.messagesPerSec ?? null));
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
    maxLag: partitions.reduce((max, partition) => Math.max(max, partition.lag), 0),
    timeLagSeconds: groupTimeLag.seconds,
    timeLagEstimated: groupTimeLag.estimated,
    consumedPerSec,
    status,
    statusReason: groupReason(work, status, reasonOf),
    catchUpSeconds: lag > 0 && netRate !== null && netRate > 0 ? lag / netRate : null,
  };
}

/**
 * Offsets committed on a topic since the previous sample (partitions that went back count 0); null
 * when that sample had no commit on the topic. `windows` are as that sample left them.
 */
function consumedSince(
  windows: TopicLagWindows | undefined,
  unlisted: ReadonlyMap<number, number> | undefined,
  committed: ReadonlyMap<number, number> | undefined,
  sample: number,
): number | null {
  const previousOf = (partition: number) => {
    if (unlisted || !windows) return unlisted?.get(partition);
    const series = seriesOfPartition(windows, partition);
    return series < 0 ? undefined : (previousCommitted(windows, series, sample) ?? undefined);
  };
  let hadCommits = unlisted !== undefined;
  for (let series = 0; windows && series < partitionCountOf(windows) && !hadCommits; series++) {
    hadCommits = previousCommitted(windows, series, sample) != null;
  }
  if (!hadCommits) return null;
  let advanced = 0;
  for (const [partition, offset] of committed ?? []) {
    const previous = previousOf(partition);
    if (previous !== undefined && offset >= previous) advanced += offset - previous;
  }
  return advanced;
}

/**
 * The reason for the group's status: topic-level verdicts first (the last topic's first, as they
 * always were listed), then partitions in order; only the chosen one is put in words.
 */
function groupReason(work: TopicWork[], status: GroupStatus, reasonOf: (entry: TopicWork, series: number) => string): string {
  for (let index = work.length - 1; index >= 0; index--) {
    const entry = work[index]!;
    if (entry.topicLevel === status) return `${entry.topic}: ${reasonOf(entry, entry.partitions.length)}`;
  }
  for (const entry of work) {
    const series = entry.partitions.findIndex((partition) => partition.status === status);
    if (series >= 0) return `${entry.topic}[${entry.partitions[series]!.partition}]: ${reasonOf(entry, series)}`;
  }
  return "no committed offsets";
}

export function sumOrNull(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return values.length === 0 ? 0 : null;
  return (values as number[]).reduce((total, value) => total + value, 0);
}
