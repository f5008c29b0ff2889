import { describe, expect, it } from "vitest";
import { chunks, groupBy } from "@/lib/collections";

describe("collections", () => {
  it("chunks in order, the last one shorter, none for nothing", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunks([], 3)).toEqual([]);
  });

  it("groups by key, keeping the items' order", () => {
    expect([...groupBy(["a1", "b1", "a2", "c1", "b2"], (item) => item[0])]).toEqual([["a", ["a1", "a2"]], ["b", ["b1", "b2"]], ["c", ["c1"]]]);
  });
});
