import { describe, expect, it } from "vitest";
import { collapseText } from "@/components/topics/collapse-text";

describe("collapseText", () => {
  it("keeps a short value whole", () => {
    expect(collapseText("a\nb\nc", 8, 600)).toEqual({ head: "a\nb\nc", collapsed: false });
    expect(collapseText("1\n2\n3\n4", 4, 600)).toEqual({ head: "1\n2\n3\n4", collapsed: false });
  });

  it("cuts after the first lines", () => {
    expect(collapseText("1\n2\n3\n4\n5", 3, 600)).toEqual({ head: "1\n2\n3", collapsed: true });
  });

  it("cuts one long line at the character limit", () => {
    expect(collapseText("x".repeat(1000), 8, 600)).toEqual({ head: "x".repeat(600), collapsed: true });
  });
});
