/** Partitions sorted in place by trim(); more are sorted through an array of positions. */
const SORT_IN_PLACE = 32;

/**
 * partition → offset for one group and topic, as a read-only Map, kept as [partition, offset] pairs
 * in a Float64Array: its own, sized by the caller, or a stretch of an arena one decoded answer
 * shares (offset-fetch-batch.ts: a few hundred groups' pairs in one array). A sample decodes one per
 * group and topic (30,000 at 10,000 groups) and keeps them until its groups are derived, which
 * outlives V8's young generation: as Maps they took half as much memory again (a hash table each),
 * and as an array of their own each they were still ~4 MB a sample to promote and collect again.
 * Offsets are integers below 2^53, exact as doubles.
 *
 * It iterates in insertion order until trim(), and in partition order after it: Kafka answers
 * OffsetFetch in no set order (2, 0, 1), and sorted pairs are looked up directly when partition
 * ids are their positions (0, 1, 2…: every partition committed, the usual case), else by binary
 * search. Before trim() an unordered map is scanned. A decoder fills it with append(), which
 * never searches: set() on an unordered answer would scan for every partition it adds.
 */
export class PartitionOffsetMap implements ReadonlyMap<number, number> {
  /** From `base`: partition, offset, partition, offset…: `size` pairs, then room for `capacity − size` more. */
  private pairs: Float64Array;
  private base: number;
  private capacity: number;
  private count = 0;
  private ascending = true;

  /**
   * `capacity`: the partitions expected (more are taken, in an array of its own). With `arena`, the
   * pairs are written from `base` on, and the caller keeps `capacity` pairs' room there for them.
   */
  constructor(capacity = 4, arena?: Float64Array, base = 0) {
    this.capacity = Math.max(1, capacity);
    this.pairs = arena ?? new Float64Array(this.capacity * 2);
    this.base = arena ? base : 0;
  }

  get size(): number {
    return this.count;
  }

  /** Sets the partition's offset (a partition set again keeps its place, as in a Map). */
  set(partition: number, offset: number): this {
    // Past the last partition of pairs still in order (an ascending answer): new, appended without a search.
    const last = this.count > 0 ? this.partitionAt(this.count - 1) : -1;
    const at = this.ascending && partition > last ? -1 : this.indexOf(partition);
    if (at >= 0) {
      this.pairs[this.base + at * 2 + 1] = offset;
      return this;
    }
    if (partition < last) this.ascending = false;
    this.push(partition, offset);
    return this;
  }

  /**
   * Adds the pair without looking for the partition first, for an answer that lists each partition
   * once. Lookups are meant for after trim(), which keeps the last offset of a partition appended
   * twice, as set() would.
   */
  append(partition: number, offset: number): this {
    if (this.count > 0 && partition <= this.partitionAt(this.count - 1)) this.ascending = false;
    this.push(partition, offset);
    return this;
  }

  /**
   * Puts the pairs in partition order (call when done setting). The room no partition took is given
   * up: a pair set after this goes to an array of the map's own, never past its last pair in an arena.
   */
  trim(): this {
    if (!this.ascending) {
      this.sort();
      this.dropRepeats();
    }
    this.capacity = this.count;
    return this;
  }

  get(partition: number): number | undefined {
    const at = this.indexOf(partition);
    return at < 0 ? undefined : this.offsetAt(at);
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
    return this.pairs[this.base + index * 2]!;
  }

  /** The offset of the index-th pair (see partitionAt). */
  offsetAt(index: number): number {
    return this.pairs[this.base + index * 2 + 1]!;
  }

  forEach(callback: (offset: number, partition: number, map: ReadonlyMap<number, number>) => void, thisArg?: unknown): void {
    for (let index = 0; index < this.count; index++) callback.call(thisArg, this.offsetAt(index), this.partitionAt(index), this);
  }

  *entries(): MapIterator<[number, number]> {
    for (let index = 0; index < this.count; index++) yield [this.partitionAt(index), this.offsetAt(index)];
  }

  *keys(): MapIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.partitionAt(index);
  }

  *values(): MapIterator<number> {
    for (let index = 0; index < this.count; index++) yield this.offsetAt(index);
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }

  /** Appends a pair, moving the pairs to a larger array of the map's own when its room is taken. */
  private push(partition: number, offset: number) {
    if (this.count === this.capacity) {
      const grown = new Float64Array(Math.max(4, this.capacity * 2) * 2);
      grown.set(this.pairs.subarray(this.base, this.base + this.count * 2));
      this.pairs = grown;
      this.base = 0;
      this.capacity = grown.length / 2;
    }
    this.pairs[this.base + this.count * 2] = partition;
    this.pairs[this.base + this.count * 2 + 1] = offset;
    this.count += 1;
  }

  private sort() {
    const { pairs, base, count } = this;
    if (count <= SORT_IN_PLACE) {
      // Insertion sort in place: a topic's few partitions, without an array per group and topic.
      for (let index = 1; index < count; index++) {
        const partition = pairs[base + index * 2]!;
        const offset = pairs[base + index * 2 + 1]!;
        let at = index - 1;
        for (; at >= 0 && pairs[base + at * 2]! > partition; at--) {
          pairs[base + (at + 1) * 2] = pairs[base + at * 2]!;
          pairs[base + (at + 1) * 2 + 1] = pairs[base + at * 2 + 1]!;
        }
        pairs[base + (at + 1) * 2] = partition;
        pairs[base + (at + 1) * 2 + 1] = offset;
      }
    } else {
      // Stable (pairs of one partition keep their order), through positions, written back in place.
      const before = pairs.slice(base, base + count * 2);
      const sorted = Array.from({ length: count }, (_, index) => index).sort((left, right) => before[left * 2]! - before[right * 2]!);
      sorted.forEach((from, to) => {
        pairs[base + to * 2] = before[from * 2]!;
        pairs[base + to * 2 + 1] = before[from * 2 + 1]!;
      });
    }
    this.ascending = true;
  }

  /** After a sort (stable: pairs of one partition keep their order), keeps each partition's last pair. */
  private dropRepeats() {
    const { pairs, base } = this;
    let kept = 0;
    for (let index = 0; index < this.count; index++) {
      if (kept > 0 && pairs[base + (kept - 1) * 2] === pairs[base + index * 2]) kept -= 1;
      pairs[base + kept * 2] = pairs[base + index * 2]!;
      pairs[base + kept * 2 + 1] = pairs[base + index * 2 + 1]!;
      kept += 1;
    }
    this.count = kept;
  }

  /** The position of the partition's pair, or −1. */
  private indexOf(partition: number): number {
    const { pairs, base, count } = this;
    if (partition >= 0 && partition < count && pairs[base + partition * 2] === partition) return partition;
    if (!this.ascending) {
      for (let index = 0; index < count; index++) if (pairs[base + index * 2] === partition) return index;
      return -1;
    }
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = pairs[base + middle * 2]!;
      if (value === partition) return middle;
      if (value < partition) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }
}
