import type { RawGroup } from "@/lib/kafka/raw-sample";
import type { GroupSnapshot, GroupStatus, GroupTopicSummary, TopicSnapshot } from "@/lib/collector/types";
import { isWorseTimeLag, partitionTimeLag, type OffsetTable, type TimeLag } from "@/lib/collector/time-lag";
import { listMeasuredTopics, nextOffsetOf, type ReadonlyRecordMap } from "@/lib/collector/group-positions";
import { PartitionOffsetMap } from "@/lib/kafka/partition-offset-map";
import { statusIndex, withLazyPartitions, type LagRange, type SampleLagRows } from "@/lib/collector/lag-columns";
import { describeLagReason, evaluateLagStatus, flatWindowStatus, worseStatus } from "@/lib/collector/group-status";
import {
  createTopicLagWindows, fitOffsetWindows, flatSeriesLag, flatSumLag, lagWindowsFit, partitionCountOf, previousCommitted, recordCommitted,
  recordOffsets, recordSum, reshapeLagWindows, seriesLength, seriesOfPartition,
  type LagWindowCursor, type TopicLagWindows, type TopicOffsetWindows,
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
  /** The topics' offset windows as the previous sample left them (DeriveState.offsetWindows). */
  previousOffsetWindows: ReadonlyMap<string, TopicOffsetWindows>;
  /** Each read topic's offset windows with this sample's recorded, filled as groups are derived (offsetWindowsOf). */
  offsetWindows: Map<string, TopicOffsetWindows>;
  recordTimestamps: ReadonlyRecordMap<number>;
  cursor: LagWindowCursor;
  /** Each topic's partition ids, filled as groups are derived (partitionIdsOf). */
  partitionIds: Map<string, readonly number[]>;
  /** Where every group's lag rows are written, one range after another. */
  lagRows: SampleLagRows;
};

/**
 * What the collector keeps of one group between samples: its status windows per topic, the
 * committed offsets on topics the sample's metadata did not list (a topic briefly missing from
 * metadata still gets its consumption rate when it is back, as from the previous sample), and its
 * topic summaries of the last sample (`summaries`, not saved with the state: reused only).
 */
export type GroupMemory = {
  windows: Map<string, TopicLagWindows>;
  /** NO_UNLISTED when there are none (nearly always): not a Map of its own per group, kept from sample to sample for nothing. */
  unlisted: ReadonlyMap<string, ReadonlyMap<number, number>>;
  summaries: readonly GroupTopicSummary[];
};

/** The unlisted commits of every group that has none. */
export const NO_UNLISTED: ReadonlyMap<string, ReadonlyMap<number, number>> = new Map();

export const createGroupMemory = (): GroupMemory => ({ windows: new Map(), unlisted: NO_UNLISTED, summaries: [] });

/**
 * Each topic's statuses while one group is derived, in the order of its summaries: the status of
 * the summed series and the worst of its partitions'. Reused by every group (deriveGroup runs to
 * completion), where an array of statuses per topic and group (30,000 a sample at 10,000 groups)
 * was garbage.
 */
const topicLevels: GroupStatus[] = [];
const worstPartitions: GroupStatus[] = [];

/**
 * One group's lag, time lag, rates and statuses. Its windows from the previous sample are in
 * `before` (group → topic); the ones it keeps are put in `after`, which may be `before` itself
 * (deriveSnapshot updates each group's memory in place rather than making it anew every sample).
 * The lag rows are written to the sample's columns (context.lagRows, lib/collector/lag-columns.ts):
 * the group's `partitions` are built from its range of them only if read.
 * Positions are those of listGroupPositions (a partition without a commit counts from its start
 * offset), computed here in place rather than as an object per partition.
 */
export function deriveGroup(
  group: RawGroup,
  before: GroupMemory | undefined,
  after: GroupMemory,
  context: GroupDeriveContext,
): GroupSnapshot {
  const hasActiveMembers = group.members.length > 0;
  const windowOptions = { windowSize: context.windowSize, hasActiveMembers };
  const measured = listMeasuredTopics(group, context.topicsByName);
  const columns = context.lagRows;
  columns.reserve(measured.reduce((total, topic) => total + topic.partitions.length, 0));
  const range: LagRange = { rows: columns, from: columns.length, to: columns.length };
  let row = columns.length;
  const summaries: GroupTopicSummary[] = [];
  topicLevels.length = 0;
  worstPartitions.length = 0;
  const { cursor, sample, sampleTimes } = context;
  let groupMaxLag = 0;

  for (const { name: topicName, partitions: offsets } of measured) {
    // The metadata's name, not the group's copy of it: what is kept (windows' keys, the snapshot's
    // names) shares one string per topic instead of one per group and topic.
    const ids = partitionIdsOf(context, topicName, offsets);
    const known = before?.windows.get(topicName);
    const windows = !known
      ? createTopicLagWindows(context.windowSize, ids)
      : lagWindowsFit(known, context.windowSize, ids)
        ? known
        : reshapeLagWindows(known, context.windowSize, ids, sample - 1);
    after.windows.set(topicName, windows);
    const committedOnTopic = group.committed.get(topicName);
    // From the windows as the previous sample left them (a reshape drops partitions that are gone).
    const consumed = consumedSince(known, before?.unlisted.get(topicName), committedOnTopic, sample);
    const tables = context.tables.get(topicName);
    const topicOffsets = offsetWindowsOf(context, topicName);
    const nameIndex = columns.nameOf(topicName);
    // The worst of the partitions' statuses, and the first partition that has it.
    let worstPartition: GroupStatus = "OK";
    let firstWorst = -1;
    let lag = 0;
    let maxLag = 0;
    let committedSum = 0;
    // The topic's worst time lag so far, copied out of the one object each partition's is written to.
    const worstLag = worstLagScratch;
    worstLag.seconds = null;
    worstLag.estimated = false;
    for (let series = 0; series < offsets.length; series++) {
      const { partition, startOffset, endOffset } = offsets[series]!;
      const committedOffset = committedOnTopic?.get(partition) ?? null;
      const nextOffset = nextOffsetOf(committedOffset, startOffset);
      const partitionLag = Math.max(0, endOffset - nextOffset);
      recordCommitted(windows, series, sample, committedOffset);
      const timeLag = partitionTimeLag(
        partitionLagScratch,
        partitionLag,
        nextOffset,
        partitionLag > 0 ? context.recordTimestamps.get(topicName, partition, nextOffset) : undefined,
        tables?.[partition],
        context.sampledAt,
      );
      // A window that stood still is judged from its one lag (flatSeriesLag); any other is read through the cursor.
      const flatLag = flatSeriesLag(windows, series, sample, topicOffsets);
      const status =
        flatLag >= 0
          ? flatWindowStatus(flatLag, seriesLength(windows, series), windowOptions)
          : evaluateLagStatus(cursor.point(windows, series, sample, sampleTimes, topicOffsets), windowOptions);
      if (firstWorst < 0 || worseStatus(worstPartition, status) !== worstPartition) {
        worstPartition = status;
        firstWorst = series;
      }
      columns.topic[row] = nameIndex;
      columns.partition[row] = partition;
      columns.committed[row] = committedOffset ?? Number.NaN;
      columns.end[row] = endOffset;
      columns.start[row] = startOffset;
      columns.lag[row] = partitionLag;
      columns.timeLag[row] = timeLag.seconds ?? Number.NaN;
      columns.estimated[row] = timeLag.estimated ? 1 : 0;
      columns.status[row] = statusIndex(status);
      row += 1;
      if (isWorseTimeLag(timeLag, worstLag)) {
        worstLag.seconds = timeLag.seconds;
        worstLag.estimated = timeLag.estimated;
      }
      lag += partitionLag;
      maxLag = Math.max(maxLag, partitionLag);
      committedSum += committedOffset ?? 0;
    }
    groupMaxLag = Math.max(groupMaxLag, maxLag);

    // The summed series catches a slow consumer whose per-partition lag wobbles as it moves
    // between partitions but whose total never falls.
    recordSum(windows, sample, committedSum, lag);
    const flatSum = flatSumLag(windows, sample);
    const topicLevel =
      flatSum >= 0
        ? flatWindowStatus(flatSum, seriesLength(windows, partitionCountOf(windows)), windowOptions)
        : evaluateLagStatus(cursor.pointSum(windows, sample, sampleTimes), windowOptions);
    topicLevels.push(topicLevel);
    worstPartitions.push(worstPartition);
    const topicStatus = worseStatus(topicLevel, worstPartition);
    // The topic-level reason explains the status when it is as severe as the worst partition's;
    // else the first partition with the worst status does.
    const explaining = topicLevel === topicStatus ? -1 : firstWorst;
    const consumedPerSec = consumed !== null && context.elapsedSeconds > 0 ? consumed / context.elapsedSeconds : null;
    // The explaining window's status is known: the topic level's, or the worst partition's (firstWorst has it).
    const reasonText = describeLagReason(
      explaining < 0 ? cursor.pointSum(windows, sample, sampleTimes) : cursor.point(windows, explaining, sample, sampleTimes, topicOffsets),
      windowOptions,
      explaining < 0 ? topicLevel : worstPartition,
    );
    const reasonPartition = explaining < 0 ? -1 : ids[explaining]!;
    // The last sample's summary of this topic when it says the same, or at least its reason text
    // when that did not change. What a snapshot holds lives until the next sample, so it outlives
    // V8's young generation, and a fresh copy of an unchanged summary or reason every sample (30,000
    // at 10,000 stopped groups) was only more to promote and collect again. Compared before a new
    // summary is made: where most summaries are kept, V8 allocates them straight in the old generation.
    // The reason is compared in its parts, so that an unchanged one is not made at all.
    const previous = before?.summaries[summaries.length];
    let statusReason: string | null = null;
    if (previous !== undefined && previous.topic === topicName && isTopicReason(previous.statusReason, topicName, reasonPartition, reasonText)) {
      statusReason = previous.statusReason;
      const same =
        previous.lag === lag &&
        previous.maxLag === maxLag &&
        previous.timeLagSeconds === worstLag.seconds &&
        previous.timeLagEstimated === worstLag.estimated &&
        previous.consumedPerSec === consumedPerSec &&
        previous.status === topicStatus;
      if (same) {
        summaries.push(previous);
        continue;
      }
    }
    statusReason ??= topicName + reasonSeparator(reasonPartition) + reasonText;
    summaries.push({
      topic: topicName,
      lag,
      maxLag,
      timeLagSeconds: worstLag.seconds,
      timeLagEstimated: worstLag.estimated,
      consumedPerSec,
      status: topicStatus,
      statusReason,
    });
  }
  after.summaries = summaries;

  columns.length = range.to = row;

  // `after` may be `before`, updated in place: the windows of topics no longer measured go, and
  // the commits on unlisted topics are this sample's.
  if (after.windows.size > measured.length) {
    for (const topicName of after.windows.keys()) if (!measured.some((topic) => topic.name === topicName)) after.windows.delete(topicName);
  }
  // Copied: the decoder's maps share one array per answer (PartitionOffsetMap), which one kept map would keep whole.
  let unlisted: Map<string, ReadonlyMap<number, number>> | null = null;
  for (const topicName of group.committed.keys()) {
    if (!after.windows.has(topicName)) (unlisted ??= new Map()).set(topicName, new Map(group.committed.get(topicName)!));
  }
  after.unlisted = unlisted ?? NO_UNLISTED;

  // Group-level figures in one pass over the topics, without an array per figure (10,000 groups a sample).
  let status: GroupStatus = "OK";
  let lag = 0;
  let consumedPerSec: number | null = 0;
  let producedPerSec: number | null = 0;
  // The group's worst time lag, in the scratch object its topics' was (their loop is done).
  const groupTimeLag = worstLagScratch;
  groupTimeLag.seconds = null;
  groupTimeLag.estimated = false;
  for (const summary of summaries) {
    status = worseStatus(status, summary.status);
    lag += summary.lag;
    consumedPerSec = consumedPerSec === null || summary.consumedPerSec === null ? null : consumedPerSec + summary.consumedPerSec;
    const produced = context.topicsByName.get(summary.topic)?.messagesPerSec ?? null;
    producedPerSec = producedPerSec === null || produced === null ? null : producedPerSec + produced;
    const topicLag = partitionLagScratch;
    topicLag.seconds = summary.timeLagSeconds;
    topicLag.estimated = summary.timeLagEstimated;
    if (isWorseTimeLag(topicLag, groupTimeLag)) {
      groupTimeLag.seconds = topicLag.seconds;
      groupTimeLag.estimated = topicLag.estimated;
    }
  }
  const netRate = consumedPerSec !== null && producedPerSec !== null ? consumedPerSec - producedPerSec : null;
  return withLazyPartitions(
    {
      groupId: group.groupId,
      state: group.state,
      protocolType: group.protocolType,
      members: group.members,
      topics: summaries,
      lag,
      maxLag: groupMaxLag,
      timeLagSeconds: groupTimeLag.seconds,
      timeLagEstimated: groupTimeLag.estimated,
      consumedPerSec,
      status,
      statusReason: groupReason(summaries, status),
      catchUpSeconds: lag > 0 && netRate !== null && netRate > 0 ? lag / netRate : null,
    },
    range,
  );
}

/** Where each partition's time lag is written in turn (deriveGroup runs to completion: nothing else writes it meanwhile). */
const partitionLagScratch: TimeLag = { seconds: null, estimated: false };
/** A topic's worst time lag while its partitions are derived (likewise). */
const worstLagScratch: TimeLag = { seconds: null, estimated: false };

/** What stands between a topic's name and the reason's text: `: ` for the topic level, `[partition]: ` for a partition. */
const reasonSeparator = (partition: number) => (partition < 0 ? ": " : `[${partition}]: `);

/** Whether `reason` is the topic's reason with this partition (< 0: the topic level) and text, as deriveGroup makes it. */
export function isTopicReason(reason: string, topic: string, partition: number, text: string): boolean {
  if (!reason.startsWith(topic) || !reason.endsWith(text)) return false;
  const separator = reasonSeparator(partition);
  return reason.length === topic.length + separator.length + text.length && reason.startsWith(separator, topic.length);
}

/**
 * A topic's offset windows with this sample's end and start offsets of all its partitions, recorded
 * when the first group that reads it this sample is derived: one per topic and sample, shared by
 * every group that reads it.
 */
function offsetWindowsOf(context: GroupDeriveContext, topic: string): TopicOffsetWindows {
  let windows = context.offsetWindows.get(topic);
  if (windows) return windows;
  const partitions = context.topicsByName.get(topic)!.partitions;
  let capacity = 0;
  for (const { partition } of partitions) capacity = Math.max(capacity, partition + 1);
  windows = fitOffsetWindows(context.previousOffsetWindows.get(topic), context.windowSize, capacity, context.sample - 1);
  for (const { partition, endOffset, startOffset } of partitions) recordOffsets(windows, partition, context.sample, endOffset, startOffset);
  context.offsetWindows.set(topic, windows);
  return windows;
}

/** A topic's partition ids in order: one array per topic and sample, shared by every group that reads it. */
function partitionIdsOf(context: GroupDeriveContext, topic: string, partitions: readonly { partition: number }[]): readonly number[] {
  let ids = context.partitionIds.get(topic);
  if (!ids) context.partitionIds.set(topic, (ids = partitions.map((partition) => partition.partition)));
  return ids;
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
  let hadCommits = unlisted !== undefined;
  for (let series = 0; windows && series < partitionCountOf(windows) && !hadCommits; series++) {
    hadCommits = previousCommitted(windows, series, sample) != null;
  }
  if (!hadCommits) return null;
  // No closure and no iterator result per partition: this runs for every group and topic of a
  // sample. The decoder's PartitionOffsetMap is walked by index: its keys() is a generator, whose
  // results were ~19 MB of garbage a sample at 10,000 groups.
  let advanced = 0;
  if (committed instanceof PartitionOffsetMap) {
    for (let index = 0; index < committed.size; index++) {
      advanced += advanceOf(committed.partitionAt(index), committed.offsetAt(index), windows, unlisted, sample);
    }
  } else if (committed) {
    // A Map (brokers before Kafka 3.0 are read one group at a time): its own keys, no [key, value] pairs.
    for (const partition of committed.keys()) advanced += advanceOf(partition, committed.get(partition)!, windows, unlisted, sample);
  }
  return advanced;
}

/** How far the partition's commit moved since the previous sample; 0 when it went back or was not known. */
function advanceOf(
  partition: number,
  offset: number,
  windows: TopicLagWindows | undefined,
  unlisted: ReadonlyMap<number, number> | undefined,
  sample: number,
): number {
  let previous: number | null | undefined;
  if (unlisted || !windows) previous = unlisted?.get(partition);
  else {
    const series = seriesOfPartition(windows, partition);
    previous = series < 0 ? undefined : previousCommitted(windows, series, sample);
  }
  return previous != null && offset >= previous ? offset - previous : 0;
}

/**
 * The reason for the group's status: topic-level verdicts first (the last topic's first, as they
 * always were listed), then partitions in order. The chosen topic's summary already explains
 * exactly that verdict (its status is the group's, and it names the topic level, or the first
 * partition, with that status), so its words are reused rather than put together again.
 */
function groupReason(summaries: readonly GroupTopicSummary[], status: GroupStatus): string {
  for (let index = topicLevels.length - 1; index >= 0; index--) {
    if (topicLevels[index] === status) return summaries[index]!.statusReason;
  }
  // No partition is worse than the group's status (the worst of all): a topic has a partition with
  // that status exactly when its worst partition has it.
  for (let index = 0; index < worstPartitions.length; index++) {
    if (worstPartitions[index] === status) return summaries[index]!.statusReason;
  }
  return "no committed offsets";
}

export function sumOrNull(values: (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return values.length === 0 ? 0 : null;
  return (values as number[]).reduce((total, value) => total + value, 0);
}
