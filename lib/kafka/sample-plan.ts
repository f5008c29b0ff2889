// Which partitions the record sampler reads each interval, from where, and what it keeps. Pure: no
// kafkajs, no I/O, so the budget rules are unit-tested (sample-plan.test.ts).

export type SampleBudget = {
  /** At most this many records kept per topic per interval. */
  recordsPerTopic: number;
  /** At most this many bytes (key + value) kept per topic per interval, and asked of Kafka per topic. */
  bytesPerTopic: number;
};

/** What the sampler remembers between intervals of one cluster. */
export type SamplerState = {
  /** False until the first interval: partitions that exist then start at their end offset. */
  initialized: boolean;
  /** topic → the partition index (in the topic's partition list) to try first next interval. */
  cursors: Map<string, number>;
  /** topic → partition → the next offset not yet sampled (the end offset at the last visit). */
  nextOffsets: Map<string, Map<number, number>>;
};

export type PlanTopic = {
  name: string;
  internal: boolean;
  partitions: { partition: number; leader: number; startOffset: number; endOffset: number }[];
};

export type PlannedPartition = {
  topic: string;
  partition: number;
  leader: number;
  /** Read from this offset… */
  fromOffset: number;
  /** …up to (excluding) this one: the end offset in the raw sample. */
  toOffset: number;
  /** maxBytes of this partition in the Fetch request. */
  maxBytes: number;
};

/**
 * At most this many partitions of one topic per interval: the topic's byte budget is split over
 * them, and a partition's share must hold an ordinary record batch (Kafka returns record batches
 * whole or, past the limit, cut, and a cut batch is dropped by kafkajs).
 */
export const MAX_PARTITIONS_PER_TOPIC = 4;

export function createSamplerState(): SamplerState {
  return { initialized: false, cursors: new Map(), nextOffsets: new Map() };
}

/**
 * The partitions to read this interval, grouped by leader broker (one Fetch each). Per topic,
 * starting at its cursor, partitions with records produced since their last visit are taken until
 * the record budget is spent (the newest records of a partition when it has more than the rest of
 * the budget) or MAX_PARTITIONS_PER_TOPIC are taken; the cursor then moves past the last one, so
 * over a few intervals every partition is visited. The very first interval only notes where each
 * partition ends: the sampler counts what is produced while it runs, so a restart never counts a
 * record twice. Partitions (and topics) that appear later are read from their start.
 * Mutates `state` (cursors; first-interval offsets); `markVisited` records what was read.
 */
export function planSample(state: SamplerState, topics: PlanTopic[], budget: SampleBudget): Map<number, PlannedPartition[]> {
  const byLeader = new Map<number, PlannedPartition[]>();
  const live = new Map(topics.filter((topic) => !topic.internal).map((topic) => [topic.name, topic]));
  if (!state.initialized) {
    for (const topic of live.values()) state.nextOffsets.set(topic.name, new Map(topic.partitions.map((partition) => [partition.partition, partition.endOffset])));
  }
  // Forget partitions that are gone (deleted topics), so the state never outgrows the cluster.
  for (const [name, offsets] of state.nextOffsets) {
    const topic = live.get(name);
    if (!topic) state.nextOffsets.delete(name);
    else if (offsets.size > topic.partitions.length) {
      const ids = new Set(topic.partitions.map((partition) => partition.partition));
      for (const partition of offsets.keys()) if (!ids.has(partition)) offsets.delete(partition);
    }
  }
  for (const name of state.cursors.keys()) if (!live.has(name)) state.cursors.delete(name);
  if (!state.initialized || budget.recordsPerTopic <= 0) {
    state.initialized = true;
    return byLeader;
  }

  for (const topic of topics) {
    if (topic.internal || topic.partitions.length === 0) continue;
    const count = topic.partitions.length;
    const cursor = (state.cursors.get(topic.name) ?? 0) % count;
    const nextOffsets = state.nextOffsets.get(topic.name);
    let remaining = budget.recordsPerTopic;
    const chosen: Omit<PlannedPartition, "maxBytes">[] = [];
    let lastIndex = -1;
    for (let step = 0; step < count && remaining > 0 && chosen.length < MAX_PARTITIONS_PER_TOPIC; step += 1) {
      const index = (cursor + step) % count;
      const partition = topic.partitions[index]!;
      if (partition.leader < 0) continue;
      const since = Math.max(partition.startOffset, nextOffsets?.get(partition.partition) ?? partition.startOffset);
      const fresh = partition.endOffset - since;
      if (fresh <= 0) continue;
      const take = Math.min(fresh, remaining);
      remaining -= take;
      chosen.push({ topic: topic.name, partition: partition.partition, leader: partition.leader, fromOffset: partition.endOffset - take, toOffset: partition.endOffset });
      lastIndex = index;
    }
    if (lastIndex >= 0) state.cursors.set(topic.name, (lastIndex + 1) % count);
    const maxBytes = Math.max(1, Math.floor(budget.bytesPerTopic / Math.max(1, chosen.length)));
    for (const planned of chosen) {
      const list = byLeader.get(planned.leader);
      const entry = { ...planned, maxBytes };
      if (list) list.push(entry);
      else byLeader.set(planned.leader, [entry]);
    }
  }
  return byLeader;
}

/**
 * Records the visit of a partition: its records up to `toOffset` count as sampled, whether they
 * were all kept or not (the budget keeps the newest). A partition whose fetch failed is not marked
 * and is tried again on its next turn.
 */
export function markVisited(state: SamplerState, planned: PlannedPartition): void {
  const offsets = state.nextOffsets.get(planned.topic);
  if (offsets) offsets.set(planned.partition, planned.toOffset);
  else state.nextOffsets.set(planned.topic, new Map([[planned.partition, planned.toOffset]]));
}

const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

export type BudgetRecord = { topic: string; partition: number; offset: number; bytes: number };

/**
 * Cuts one topic's fetched records to the budget: records outside [from, to) of their partition
 * are dropped (a Fetch returns whole batches, starting before `from`), then the newest are kept
 * within the record and byte budgets. Returned oldest first per partition.
 */
export function cutToBudget<T extends BudgetRecord>(records: T[], planned: PlannedPartition[], budget: SampleBudget): T[] {
  const ranges = new Map(planned.map((entry) => [partitionKey(entry.topic, entry.partition), entry]));
  const inRange = records.filter((record) => {
    const range = ranges.get(partitionKey(record.topic, record.partition));
    return range !== undefined && record.offset >= range.fromOffset && record.offset < range.toOffset;
  });
  // Newest first across partitions by offset distance from each partition's end: no single
  // partition's burst takes the whole budget when several were visited.
  const ranked = inRange
    .map((record) => ({ record, age: ranges.get(partitionKey(record.topic, record.partition))!.toOffset - record.offset }))
    .sort((left, right) => left.age - right.age || left.record.partition - right.record.partition);
  const kept: T[] = [];
  let bytes = 0;
  for (const { record } of ranked) {
    if (kept.length >= budget.recordsPerTopic) break;
    if (bytes + record.bytes > budget.bytesPerTopic) continue;
    bytes += record.bytes;
    kept.push(record);
  }
  return kept.sort((left, right) => left.partition - right.partition || left.offset - right.offset);
}
