/**
 * Where a group stands on each partition it is measured on. Pure. The sample (which records'
 * timestamps to read) and the derived snapshot (lag) both build on listMeasuredTopics and
 * nextOffsetOf, computing positions in place rather than as an object per partition, so both agree;
 * listGroupPositions spells the same positions out as a list, the reference their tests check against.
 */

export type GroupPosition = {
  topic: string;
  partition: number;
  /** null: the group has no commit on this partition. */
  committedOffset: number | null;
  startOffset: number;
  endOffset: number;
  /** The offset of the next record the group reads: max(committed, start), or start with no commit. */
  nextOffset: number;
  /** max(0, end − nextOffset): with no commit, end − start. */
  lag: number;
};

type TopicOffsets = { name: string; partitions: { partition: number; startOffset: number; endOffset: number }[] };
type GroupOffsets = {
  committed: ReadonlyMap<string, ReadonlyMap<number, number>>;
  members: { assignments: { topic: string; partitions: number[] }[] }[];
};

/**
 * The topics a group is measured on, sorted by name as Array#sort sorts strings (UTF-16 code
 * units): those it has a commit or an assigned member on, leaving out commits on topics that no
 * longer exist (or have no partitions in the metadata). `topicsByName` is keyed by each topic's name.
 */
export function listMeasuredTopics<Topic extends TopicOffsets>(group: GroupOffsets, topicsByName: ReadonlyMap<string, Topic>): Topic[] {
  const topics: Topic[] = [];
  // A group without members (offsets only) needs no set to merge its assignments into.
  if (group.members.length === 0) {
    for (const name of group.committed.keys()) insertMeasured(topics, topicsByName.get(name));
    return topics;
  }
  const names = new Set(group.committed.keys());
  for (const member of group.members) for (const assignment of member.assignments) names.add(assignment.topic);
  for (const name of names) insertMeasured(topics, topicsByName.get(name));
  return topics;
}

/**
 * Puts `topic` (when it exists and has partitions) into `topics` in name order, by insertion: a
 * group reads a few topics, and a sort's working storage, or a list of names to sort, twice per
 * group and sample, was megabytes of garbage a sample at 10,000 groups.
 */
function insertMeasured<Topic extends TopicOffsets>(topics: Topic[], topic: Topic | undefined): void {
  if (!topic || topic.partitions.length === 0) return;
  let at = topics.length;
  topics.push(topic);
  for (; at > 0 && topics[at - 1]!.name > topic.name; at--) topics[at] = topics[at - 1]!;
  topics[at] = topic;
}

/** The offset of the next record a group reads: max(committed, start), or start with no commit. */
export const nextOffsetOf = (committedOffset: number | null, startOffset: number) =>
  committedOffset === null ? startOffset : Math.max(committedOffset, startOffset);

/**
 * Every partition of every topic on which the group has a commit or an assigned member, topics by
 * name and partitions in order. A partition without a commit counts from the start offset: a
 * consumer that has not committed there would read (or has yet to read) everything retained.
 * Commits on topics that no longer exist are left out. The reference list: the sample's wanted
 * records (lib/kafka/raw-sample.test.ts) are checked against it.
 */
export function listGroupPositions(group: GroupOffsets, topicsByName: ReadonlyMap<string, TopicOffsets>): GroupPosition[] {
  const positions: GroupPosition[] = [];
  for (const topic of listMeasuredTopics(group, topicsByName)) {
    const topicName = topic.name;
    const committed = group.committed.get(topicName);
    for (const partition of topic.partitions) {
      const committedOffset = committed?.get(partition.partition) ?? null;
      const nextOffset = nextOffsetOf(committedOffset, partition.startOffset);
      positions.push({
        topic: topicName,
        partition: partition.partition,
        committedOffset,
        startOffset: partition.startOffset,
        endOffset: partition.endOffset,
        nextOffset,
        lag: Math.max(0, partition.endOffset - nextOffset),
      });
    }
  }
  return positions;
}

/**
 * Values by record (topic, partition, offset): the record timestamps a sample read, and their cache.
 * Nested by topic, partition and offset rather than one map keyed by a string made of the three: at
 * 10,000 groups a sample looks up 180,000 records (most groups of a topic want the same few), and
 * building a key string for each lookup, three times per sample, was a sizeable share of the garbage
 * the collector made. Partitions are arrays by partition id (ids are small and dense). A partition's
 * first offset and its value are kept in those arrays; only a partition with more than one offset
 * gets a Map for the others. Most partitions hold one offset (every lagging group of a topic at the
 * same place), and a Map per partition was 15,000 Maps per RecordMap per sample at 15,000 partitions,
 * all alive until the sample was derived.
 */
export class RecordMap<V> {
  private readonly topics = new Map<string, TopicRecords<V>>();
  private count = 0;

  static of<V>(entries: Iterable<readonly [topic: string, partition: number, offset: number, value: V]>): RecordMap<V> {
    const map = new RecordMap<V>();
    for (const [topic, partition, offset, value] of entries) map.set(topic, partition, offset, value);
    return map;
  }

  get size(): number {
    return this.count;
  }

  get(topic: string, partition: number, offset: number): V | undefined {
    const records = this.topics.get(topic);
    if (records === undefined) return undefined;
    return records.offsets[partition] === offset ? records.values[partition] : records.more?.[partition]?.get(offset);
  }

  has(topic: string, partition: number, offset: number): boolean {
    const records = this.topics.get(topic);
    if (records === undefined) return false;
    return records.offsets[partition] === offset || (records.more?.[partition]?.has(offset) ?? false);
  }

  set(topic: string, partition: number, offset: number, value: V): this {
    if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`RecordMap: partition ${partition} is not a partition id`);
    let records = this.topics.get(topic);
    if (!records) this.topics.set(topic, (records = { offsets: [], values: [], more: null }));
    const first = records.offsets[partition];
    if (first === undefined) {
      records.offsets[partition] = offset;
      records.values[partition] = value;
      this.count += 1;
    } else if (first === offset) {
      records.values[partition] = value;
    } else {
      records.more ??= [];
      let others = records.more[partition];
      if (!others) records.more[partition] = others = new Map();
      if (!others.has(offset)) this.count += 1;
      others.set(offset, value);
    }
    return this;
  }
}

/** One topic's records: by partition id, the first offset set and its value, and any others. */
type TopicRecords<V> = { offsets: number[]; values: V[]; more: (Map<number, V> | undefined)[] | null };

/** A read-only view of a RecordMap. */
export type ReadonlyRecordMap<V> = Pick<RecordMap<V>, "get" | "has" | "size">;
