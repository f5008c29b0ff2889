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
 * Every partition of every topic on which the group has a commit or an assigned member, topics by
 * name and partitions in order. A partition without a commit counts from the start offset: a
 * consumer that has not committed there would read (or has yet to read) everything retained.
 * Commits on topics that no longer exist are left out.
 */
export function listGroupPositions(group: GroupOffsets, topicsByName: ReadonlyMap<string, TopicOffsets>): GroupPosition[] {
  const topicNames = new Set(group.committed.keys());
  for (const member of group.members) for (const assignment of member.assignments) topicNames.add(assignment.topic);
  const positions: GroupPosition[] = [];
  for (const topicName of [...topicNames].sort()) {
    const topic = topicsByName.get(topicName);
    if (!topic) continue;
    const committed = group.committed.get(topicName);
    for (const partition of topic.partitions) {
      const committedOffset = committed?.get(partition.partition) ?? null;
      const nextOffset = committedOffset === null ? partition.startOffset : Math.max(committedOffset, partition.startOffset);
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
