import { describe, expect, it } from "vitest";
import { describeHealth, getEdgeColor, getEdgeDash, getEdgeWidth } from "@/components/flow/edge-style";

describe("getEdgeWidth", () => {
  it("grows with the log of the rate and stays within bounds", () => {
    expect(getEdgeWidth(null)).toBe(1.5);
    expect(getEdgeWidth(0)).toBe(1.5);
    expect(getEdgeWidth(10)).toBeGreaterThan(getEdgeWidth(1));
    // Equal steps per factor of ten (the +1 inside the log bends it slightly near zero).
    expect(Math.abs(getEdgeWidth(1000) - getEdgeWidth(100) - (getEdgeWidth(100) - getEdgeWidth(10)))).toBeLessThan(0.1);
    expect(getEdgeWidth(1e9)).toBe(10);
  });
});

describe("edge colour and pattern", () => {
  const base = { kind: "consumes" as const, status: "OK" as const, classification: "declared-observed" as const, lagOverObjective: false };

  it("colours by status, lag objective first", () => {
    expect(getEdgeColor(base)).toBe("var(--ok)");
    expect(getEdgeColor({ ...base, status: "WARNING" })).toBe("var(--warning)");
    expect(getEdgeColor({ ...base, status: "STOPPED" })).toBe("var(--danger)");
    expect(getEdgeColor({ ...base, lagOverObjective: true })).toBe("var(--danger)");
    expect(getEdgeColor({ ...base, classification: "observed-not-declared" })).toBe("var(--warning)");
  });

  it("dashes declared-only edges and dots undocumented ones", () => {
    expect(getEdgeDash(base)).toBeUndefined();
    expect(getEdgeDash({ classification: "declared-not-observed" })).toBe("8 6");
    expect(getEdgeDash({ classification: "observed-not-declared" })).toBe("2 5");
  });

  it("describes health in a word or two", () => {
    expect(describeHealth({ status: "OK", classification: "declared-observed", issues: [] })).toBeNull();
    expect(describeHealth({ status: "WARNING", classification: "declared-observed", issues: [] })).toBe("WARNING");
    expect(describeHealth({ status: null, classification: "observed-not-declared", issues: [] })).toBe("undocumented");
  });
});
