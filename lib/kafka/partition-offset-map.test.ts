import { describe, expect, it } from "vitest";
import { PartitionOffsetMap } from "@/lib/kafka/partition-offset-map";

/** Everything a reader can see of a map, in its order. */
const seen = (map: ReadonlyMap<number, number>, probes: number[]) => ({
  size: map.size,
  entries: [...map],
  keys: [...map.keys()],
  values: [...map.values()],
  each: (() => {
    const rows: [number, number][] = [];
    map.forEach((offset, partition) => rows.push([partition, offset]));
    return rows;
  })(),
  got: probes.map((partition) => [map.get(partition), map.has(partition)]),
  // partitionAt/offsetAt walk the pairs in iteration order, as a Map's entries are.
  byIndex: map instanceof PartitionOffsetMap ? Array.from({ length: map.size }, (_, index) => [map.partitionAt(index), map.offsetAt(index)]) : [...map],
});

/** A shuffled answer (Kafka's order) of `partitions` partition ids, with a gap every third round. */
function shuffledAnswer(partitions: number, round: number, random: (below: number) => number): number[] {
  const ids = Array.from({ length: partitions }, (_, index) => index + (round % 3 === 0 && index > 2 ? 5 : 0));
  for (let index = ids.length - 1; index > 0; index--) {
    const other = random(index + 1);
    [ids[index], ids[other]] = [ids[other]!, ids[index]!];
  }
  return ids;
}

describe("PartitionOffsetMap", () => {
  const probes = [-1, 0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 99, 1.5, Number.NaN];

  it("reads as a Map of the same sets does: dense, ascending with gaps, unordered, and partitions set twice", () => {
    for (const sets of [
      [],
      [[0, 5], [1, 6], [2, 7]],
      [[1, 10], [2, 20], [4, 40], [9, 90]],
      [[3, 30], [0, 1], [10, 100], [2, 2]],
      [[0, 1], [1, 2], [0, 3], [5, 4], [1, 9]],
      [[7, 0], [8, 2 ** 53 - 1]],
    ] as [number, number][][]) {
      const map = new Map<number, number>();
      const compact = new PartitionOffsetMap();
      for (const [partition, offset] of sets) {
        map.set(partition, offset);
        expect(compact.set(partition, offset)).toBe(compact);
      }
      expect(seen(compact, probes), JSON.stringify(sets)).toEqual(seen(map, probes));
    }
  });

  it("agrees with a Map over random sets", () => {
    let seed = 7;
    const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % below);
    for (let round = 0; round < 200; round++) {
      const map = new Map<number, number>();
      const compact = new PartitionOffsetMap();
      const width = 1 + random(40);
      for (let step = random(60); step > 0; step--) {
        // Mostly ascending from 0, as Kafka answers, with jumps back now and then.
        const partition = random(4) === 0 ? random(width) : map.size + random(2);
        const offset = random(1_000_000);
        map.set(partition, offset);
        compact.set(partition, offset);
      }
      expect(seen(compact, Array.from({ length: width + 60 }, (_, index) => index))).toEqual(seen(map, Array.from({ length: width + 60 }, (_, index) => index)));
    }
  });

  it("after trim(), iterates in partition order, in place for a few partitions and through positions for many, and finds every partition", () => {
    let seed = 11;
    const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % below);
    for (const partitions of [0, 1, 3, 6, 32, 33, 200]) {
      for (let round = 0; round < 20; round++) {
        const ids = shuffledAnswer(partitions, round, random);
        const map = new Map<number, number>();
        const compact = new PartitionOffsetMap(partitions + random(3));
        for (const id of ids) {
          const offset = random(1_000_000);
          map.set(id, offset);
          compact.set(id, offset);
        }
        const sorted = new Map([...map].sort(([left], [right]) => left - right));
        const probes = Array.from({ length: partitions + 10 }, (_, index) => index - 1);
        expect(seen(compact.trim(), probes), `${partitions} partitions, round ${round}`).toEqual(seen(sorted, probes));
      }
    }
  });

  it("filled by append(), reads after trim() as a Map of the same sets in partition order, the last offset of a partition appended twice kept", () => {
    let seed = 13;
    const random = (below: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % below);
    for (const partitions of [0, 1, 3, 6, 32, 33, 200]) {
      for (let round = 0; round < 20; round++) {
        const ids = shuffledAnswer(partitions, round, random);
        // Now and then a partition listed again, later.
        if (round % 4 === 1 && partitions > 0) ids.push(ids[random(partitions)]!, ids[random(partitions)]!);
        const map = new Map<number, number>();
        const compact = new PartitionOffsetMap(partitions);
        for (const id of ids) {
          const offset = random(1_000_000);
          map.set(id, offset);
          expect(compact.append(id, offset)).toBe(compact);
        }
        const sorted = new Map([...map].sort(([left], [right]) => left - right));
        const probes = Array.from({ length: partitions + 10 }, (_, index) => index - 1);
        expect(seen(compact.trim(), probes), `${partitions} partitions, round ${round}`).toEqual(seen(sorted, probes));
      }
    }
    expect(seen(new PartitionOffsetMap().append(4, 1).append(4, 2).append(5, 3).trim(), [4, 5])).toEqual(seen(new Map([[4, 2], [5, 3]]), [4, 5]));
  });

  it("in an arena shared with its neighbours, reads as its own pairs only, sorted in place, and moves out rather than writing past them", () => {
    const arena = new Float64Array(64).fill(-7);
    // Three maps one after the other, as the decoder makes them: unordered, ascending, with a repeat.
    const answers = [[[2, 20], [0, 1], [1, 10]], [[0, 5], [3, 6]], [[9, 1], [4, 2], [9, 3]]];
    const maps: PartitionOffsetMap[] = [];
    let used = 0;
    for (const pairs of answers) {
      const map = new PartitionOffsetMap(pairs.length, arena, used);
      for (const [partition, offset] of pairs) map.append(partition!, offset!);
      maps.push(map.trim());
      used += map.size * 2;
    }
    const expected = answers.map((pairs) => new Map([...new Map(pairs as [number, number][])].sort(([left], [right]) => left - right)));
    const probes = [0, 1, 2, 3, 4, 9, 10];
    maps.forEach((map, index) => expect(seen(map, probes), `map ${index}`).toEqual(seen(expected[index]!, probes)));
    // Nothing was written past the room the last map was given (its repeated partition's pair, given up by trim()).
    expect(used).toBe(14);
    expect([...arena.subarray(used + 2)].every((value) => value === -7)).toBe(true);
    // A partition added after trim() goes to an array of the map's own; its neighbour reads as before.
    maps[0]!.set(7, 70);
    maps[0]!.set(0, 2);
    expect([...maps[0]!]).toEqual([[0, 2], [1, 10], [2, 20], [7, 70]]);
    expect(seen(maps[1]!, probes)).toEqual(seen(expected[1]!, probes));
    expect(arena[0]).toBe(0); // the first map's first pair in the arena: moved out before it changed
    expect(arena[1]).toBe(1);
  });
});
