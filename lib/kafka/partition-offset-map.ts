/** Partitions sorted in place by trim(); more are sorted through an array of positions. */
const SORT_IN_PLACE = 32;

/**
 * partition → offset for one group and topic, as a read-only Map, kept in one array of
 * [partition, offset] pairs sized by the caller. A sample decodes one per group and topic (30,000
 * at 10,000 groups) and keeps them until its groups are derived: as Maps they took half as much
 * memory again (a hash table each, grown and copied on the fifth partition), all of it promoted to
 * the old generation every sample.
 *
 * It iterates in insertion order until trim(), and in partition order after it: Kafka answers
 * OffsetFetch in no set order (2, 0, 1), and sorted pairs are looked up directly when partition
 * ids are their positions (0, 1, 2…: every partition committed, the usual case), else by binary
 * search. Before trim() an unordered map is scanned. A decoder fills it with append(), which
 * never searches: set() on an unordered answer would scan for every partition it adds.
 */
export class PartitionOffsetMap implements ReadonlyMap<number, number> {
  /** partition, offset, partition, offset…: `size` pairs, then unused room. */
  private pairs: number[];
  private count = 0;
  private ascending = true;

  /** `capacity`: the partitions expected (more are taken, at the cost of growing). */
  constructor(capacity = 4) {
    this.pairs = new Array<number>(Math.max(1, capacity) * 2);
  }

  get size(): number {
    return this.count;
  }

  /** Sets the partition's offset (a partition set again keeps its place, as in a Map). */
  set(partition: number, offset: number): this {
    // Past the last partition of pairs still in order (an ascending answer): new, appended without a search.
    const last = this.count > 0 ? this.pairs[(this.count - 1) * 2]! : -1;
    const at = this.ascending && partition > last ? -1 : this.indexOf(partition);
    if (at >= 0) {
      this.pairs[at * 2 + 1] = offset;
      return this;
    }
    if (partition < last) this.ascending = false;
    this.pairs[this.count * 2] = partition;
    this.pairs[this.count * 2 + 1] = offset;
    this.count += 1;
    return this;
  }

  /**
   * Adds the pair without looking for the partition first, for an answer that lists each partition
   * once. Lookups are meant for after trim(), which keeps the last offset of a partition appended
   * twice, as set() would.
   */
  append(partition: number, offset: number): this {
    if (this.count > 0 && partition <= this.pairs[(this.count - 1) * 2]!) this.ascending = false;
    this.pairs[this.count * 2] = partition;
    this.pairs[this.count * 2 + 1] = offset;
    this.count += 1;
    return this;
  }

  /** Drops the room no partition took and puts the pairs in partition order (call when done setting). */
  trim(): this {
    if (!this.ascending) {
      this.sort();
      this.dropRepeats();
    }
    if (this.pairs.length > this.count * 2) this.pairs = this.pairs.slice(0, this.count * 2);
    return this;
  }

  get(partition: number): number | undefined {
    const at = this.indexOf(partition);
    return at < 0 ? undefined : this.pairs[at * 2 + 1];
  }

  has(partition: number): boolean {
    return this.indexOf(partition) >= 0;
  }

  /**
   * The partition of the index-th pair (0 ≤ index < size), in the order iteration gives. With
   * offsetAt, a hot loop walks the pairs without an iterator result per pair, which keys(),
   * values() and entries() allocate (generators: V8 does not elide their results).
   */
  partitionAt(index: number): number {
    return this.pairs[index * 2]!;
  }

  /** The offset of the index-th pair (see partitionAt). */
  offsetAt(index: number): number {
    return this.pairs[index * 2 + 1]!;
  }

  forEach(callback: (offset: number, partition: number, map: ReadonlyMap<number, number>) => void, thisArg?: unknown): void {
    for (let index = 0; index < this.count; index++) callback.call(thisArg, this.pairs[index * 2 + 1]!, this.pairs[index * 2]!, this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let index = 0; index < this.count; index++) yield [this.pairs[index * 2]!, this.pairs[index * 2 + 1]!];
  }

  *keys(): MapIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.pairs[index * 2]!;
  }

  *values(): MapIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.pairs[index * 2 + 1]!;
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  private sort() {
    const { pairs, count } = this;
    if (count <= SORT_IN_PLACE) {
      // Insertion sort in place: a topic's few partitions, without an array per group and topic.
      for (let index = 1; index < count; index++) {
        const partition = pairs[index * 2]!;
        const offset = pairs[index * 2 + 1]!;
        let at = index - 1;
        for (; at >= 0 && pairs[at * 2]! > partition; at--) {
          pairs[(at + 1) * 2] = pairs[at * 2]!;
          pairs[(at + 1) * 2 + 1] = pairs[at * 2 + 1]!;
        }
        pairs[(at + 1) * 2] = partition;
        pairs[(at + 1) * 2 + 1] = offset;
      }
    } else {
      const sorted = Array.from({ length: count }, (_, index) => index).sort((left, right) => pairs[left * 2]! - pairs[right * 2]!);
      this.pairs = sorted.flatMap((index) => [pairs[index * 2]!, pairs[index * 2 + 1]!]);
    }
    this.ascending = true;
  }

  /** After a sort (stable: pairs of one partition keep their order), keeps each partition's last pair. */
  private dropRepeats() {
    const { pairs } = this;
    let kept = 0;
    for (let index = 0; index < this.count; index++) {
      if (kept > 0 && pairs[(kept - 1) * 2] === pairs[index * 2]) kept -= 1;
      pairs[kept * 2] = pairs[index * 2]!;
      pairs[kept * 2 + 1] = pairs[index * 2 + 1]!;
      kept += 1;
    }
    this.count = kept;
  }

  /** The position of the partition's pair, or −1. */
  private indexOf(partition: number): number {
    const { pairs, count } = this;
    if (partition >= 0 && partition < count && pairs[partition * 2] === partition) return partition;
    if (!this.ascending) {
      for (let index = 0; index < count; index++) if (pairs[index * 2] === partition) return index;
      return -1;
    }
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = pairs[middle * 2]!;
      if (value === partition) return middle;
      if (value < partition) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
