/**
 * Where a group stands on each partition it is measured on. Pure: used by the sample (to know which
 * records' timestamps to read) and by the derived snapshot (lag), so both agree on the same list.
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

type TopicOffsets = { partitions: { partition: number; startOffset: number; endOffset: number }[] };
type GroupOffsets = {
  committed: Map<string, Map<number, number>>;
  members: { assignments: { topic: string; partitions: number[] }[] }[];
};

/**
 * The topics a group is measured on, by name: those it has a commit or an assigned member on,
 * leaving out commits on topics that no longer exist (or have no partitions in the metadata).
 */
export function listMeasuredTopics<Topic extends TopicOffsets>(group: GroupOffsets, topicsByName: ReadonlyMap<string, Topic>): [string, Topic][] {
  // A group without members (offsets only) needs no set to merge its assignments into.
  let names = [...group.committed.keys()];
  if (group.members.length > 0) {
    const all = new Set(names);
    for (const member of group.members) for (const assignment of member.assignments) all.add(assignment.topic);
    names = [...all];
  }
  const topics: [string, Topic][] = [];
  for (const name of names.sort()) {
    const topic = topicsByName.get(name);
    if (topic && topic.partitions.length > 0) topics.push([name, topic]);
  }
  return topics;
}

/** The offset of the next record a group reads: max(committed, start), or start with no commit. */
export const nextOffsetOf = (committedOffset: number | null, startOffset: number) =>
  committedOffset === null ? startOffset : Math.max(committedOffset, startOffset);

/**
 * Every partition of every topic on which the group has a commit or an assigned member, topics by
 * name and partitions in order. A partition without a commit counts from the start offset: a
 * consumer that has not committed there would read (or has yet to read) everything retained.
 * Commits on topics that no longer exist are left out.
 */
export function listGroupPositions(group: GroupOffsets, topicsByName: ReadonlyMap<string, TopicOffsets>): GroupPosition[] {
  const positions: GroupPosition[] = [];
  for (const [topicName, topic] of listMeasuredTopics(group, topicsByName)) {
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

/** Key of one record: the record-timestamp map and cache are keyed by it. */
export const recordKey = (topic: string, partition: number, offset: number) => `${topic}\u0000${partition}\u0000${offset}`;
