import type { RawSample } from "@/lib/kafka/raw-sample";
import type { ClusterSnapshot, TopicSnapshot } from "@/lib/collector/types";
import { OffsetTable } from "@/lib/collector/time-lag";
import { createGroupMemory, deriveGroup, sumOrNull, type GroupDeriveContext, type GroupMemory } from "@/lib/collector/derive-group";
import { LagWindowCursor, type TopicOffsetWindows } from "@/lib/collector/lag-windows";
import { SampleLagRows } from "@/lib/collector/lag-columns";

/**
 * What the collector remembers between samples of one cluster: offset→time tables and status
 * windows in typed arrays, and nothing of the previous sample itself (its committed offsets are the
 * windows' latest values). Sized by partitions and group-partitions, with no object per observation.
 * lib/collector/derive-state-codec.ts turns it into bytes a later leader continues from.
 */
export type DeriveState = {
  /** Samples derived so far: sample j's window values sit at slot j mod the window size. */
  samples: number;
  /** The latest samples' times (ms), oldest first, at most the window size; the last is the previous sample's. */
  sampleTimes: number[];
  /** topic → its partitions' sampled end offsets, indexed by partition id. */
  endOffsetTables: Map<string, OffsetTable[]>;
  /**
   * topic → its partitions' end and start offsets over the status window (the groups' lags are
   * read against them), for the topics groups read in the last sample.
   */
  offsetWindows: Map<string, TopicOffsetWindows>;
  /** group → its status windows per topic (and commits on topics missing from the sample's metadata). */
  groups: Map<string, GroupMemory>;
};

export type DeriveOptions = {
  cluster: string;
  windowSize: number;
  maxOffsetPoints: number;
  retentionMsByTopic: Map<string, number>;
};

export function createDeriveState(): DeriveState {
  return { samples: 0, sampleTimes: [], endOffsetTables: new Map(), offsetWindows: new Map(), groups: new Map() };
}

/** The lag rows of the sample last derived in this process, to size the next one's columns. */
let lastLagRows = 1024;

/** Turns a raw sample plus what came before into the snapshot pages read. Mutates `state`. */
export function deriveSnapshot(state: DeriveState, raw: RawSample, options: DeriveOptions): ClusterSnapshot {
  const previousSampledAt = state.sampleTimes.at(-1);
  const elapsedSeconds = previousSampledAt !== undefined ? (raw.sampledAt - previousSampledAt) / 1000 : 0;

  const liveTables = new Map<string, OffsetTable[]>();
  const topicSample: TopicSample = {
    elapsedSeconds,
    sampledAt: raw.sampledAt,
    known: state.endOffsetTables,
    liveTables,
    maxOffsetPoints: options.maxOffsetPoints,
    retentionMsByTopic: options.retentionMsByTopic,
  };
  // Loops, not map with a closure, here and for the groups: see deriveTopic.
  const topics: TopicSnapshot[] = [];
  for (const topic of raw.topics) topics.push(deriveTopic(topic, topicSample));
  // Tables of vanished topics are dropped with them.
  state.endOffsetTables = liveTables;

  const sampleTimes = [...state.sampleTimes, raw.sampledAt].slice(-options.windowSize);
  const context: GroupDeriveContext = {
    sample: state.samples,
    sampledAt: raw.sampledAt,
    sampleTimes,
    elapsedSeconds,
    windowSize: options.windowSize,
    topicsByName: new Map(topics.map((topic) => [topic.name, topic])),
    tables: liveTables,
    previousOffsetWindows: state.offsetWindows,
    offsetWindows: new Map(),
    recordTimestamps: raw.recordTimestamps,
    cursor: new LagWindowCursor(),
    partitionIds: new Map(),
    lagRows: new SampleLagRows(lastLagRows + (lastLagRows >> 4)),
  };
  // Only deriveGroup writes these rows, from the partitions of these topics.
  context.lagRows.derivedFrom = context.topicsByName;
  // Each group's memory is updated in place: made anew every sample, 10,000 groups' memories (and
  // the map of them) outlived the young generation and were promoted, only to be dropped a sample later.
  let kept = 0;
  const groups: ClusterSnapshot["groups"] = [];
  for (const group of raw.groups) {
    const known = state.groups.get(group.groupId);
    const memory = known ?? createGroupMemory();
    groups.push(deriveGroup(group, known, memory, context));
    // What is no longer measured (topics, whole groups) is dropped.
    if (memory.windows.size > 0 || memory.unlisted.size > 0) {
      if (!known) state.groups.set(group.groupId, memory);
      kept += 1;
    } else if (known) state.groups.delete(group.groupId);
  }
  if (state.groups.size !== kept) {
    const sampled = new Set(raw.groups.map((group) => group.groupId));
    for (const groupId of state.groups.keys()) if (!sampled.has(groupId)) state.groups.delete(groupId);
  }
  lastLagRows = context.lagRows.length;
  // Only topics some group reads: the others' offsets are not needed, and are recorded again from
  // the sample a group starts reading one (its windows start there too).
  state.offsetWindows = context.offsetWindows;
  state.sampleTimes = sampleTimes;
  state.samples += 1;

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
      partitions: visible.reduce((total, topic) => total + topic.partitionCount, 0),
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

/** What deriveTopic reads of the sample and writes for it. */
type TopicSample = {
  /** Seconds since the previous sample; 0 for the first (nothing to compare its end offsets with). */
  elapsedSeconds: number;
  sampledAt: number;
  /** The previous sample's offset tables, by topic. */
  known: ReadonlyMap<string, OffsetTable[]>;
  /** This sample's offset tables, by topic (written). */
  liveTables: Map<string, OffsetTable[]>;
  maxOffsetPoints: number;
  retentionMsByTopic: ReadonlyMap<string, number>;
};

/**
 * One topic of the snapshot, its end offsets appended to its offset tables. A function of the
 * module, not a closure made by each deriveSnapshot, so that V8 keeps its optimized code from one
 * sample to the next (BENCHMARKS.md, "closures compiled again every sample").
 */
function deriveTopic(topic: RawSample["topics"][number], sample: TopicSample): TopicSnapshot {
  let produced = 0;
  let comparable = sample.elapsedSeconds > 0;
  const known = sample.known.get(topic.name);
  const tables: OffsetTable[] = [];
  for (const partition of topic.partitions) {
    // The table's latest point is the previous sample's end offset (tables live exactly as long
    // as their partition is in the samples).
    const table = known?.[partition.partition] ?? new OffsetTable(sample.maxOffsetPoints);
    const before = table.latestOffset();
    table.append({ offset: partition.endOffset, time: sample.sampledAt });
    tables[partition.partition] = table;
    if (before === undefined || partition.endOffset < before) comparable = false;
    else produced += partition.endOffset - before;
  }
  sample.liveTables.set(topic.name, tables);
  let replicationFactor = 0;
  let messageCount = 0;
  let underReplicatedPartitions = 0;
  let offlinePartitions = 0;
  for (const partition of topic.partitions) {
    replicationFactor = Math.max(replicationFactor, partition.replicas.length);
    messageCount += partition.endOffset - partition.startOffset;
    if (partition.isr.length < partition.replicas.length) underReplicatedPartitions += 1;
    if (partition.leader < 0) offlinePartitions += 1;
  }
  return {
    name: topic.name,
    internal: topic.internal,
    partitions: topic.partitions,
    partitionCount: topic.partitions.length,
    replicationFactor,
    messagesPerSec: comparable ? produced / sample.elapsedSeconds : null,
    messageCount,
    underReplicatedPartitions,
    offlinePartitions,
    retentionMs: sample.retentionMsByTopic.get(topic.name) ?? null,
  };
}
