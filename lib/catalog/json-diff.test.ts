import { describe, expect, it } from "vitest";
import { diffJsonPaths, formatJsonShort } from "@/lib/catalog/json-diff";

describe("diffJsonPaths", () => {
  it("reports the changed leaf, not the whole document", () => {
    const before = { type: "object", properties: { total: { type: "number" }, id: { type: "string" } } };
    const after = { type: "object", properties: { id: { type: "string" }, total: { type: "string" } } };
    expect(diffJsonPaths(before, after)).toEqual([{ path: "/properties/total/type", before: "number", after: "string" }]);
  });

  it("reports added and removed keys as absent on one side", () => {
    expect(diffJsonPaths({ a: 1 }, { b: 2 })).toEqual([
      { path: "/a", before: 1, after: undefined },
      { path: "/b", before: undefined, after: 2 },
    ]);
  });

  it("reports an array whose length changed as a whole", () => {
    expect(diffJsonPaths({ required: ["id"] }, { required: ["id", "total"] })).toEqual([
      { path: "/required", before: ["id"], after: ["id", "total"] },
    ]);
    expect(diffJsonPaths([1, 2], [1, 3])).toEqual([{ path: "/1", before: 2, after: 3 }]);
  });

  it("ignores key order and escapes pointer tokens", () => {
    expect(diffJsonPaths({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual([]);
    expect(diffJsonPaths({ "a/b": 1 }, { "a/b": 2 })).toEqual([{ path: "/a~1b", before: 1, after: 2 }]);
    expect(diffJsonPaths(1, "1")).toEqual([{ path: "/", before: 1, after: "1" }]);
  });
});

describe("formatJsonShort", () => {
  it("shows strings bare, other values as JSON, and cuts long ones", () => {
    expect(formatJsonShort("number")).toBe("number");
    expect(formatJsonShort(["id"])).toBe('["id"]');
    expect(formatJsonShort(undefined)).toBe("(absent)");
    expect(formatJsonShort("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
