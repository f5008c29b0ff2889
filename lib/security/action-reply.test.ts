import { describe, expect, it } from "vitest";
import { isPlainActionReply, isPlainMultipartReply } from "@/lib/security/action-reply";

describe("server action reply check", () => {
  it("accepts what the app's forms send", () => {
    expect(isPlainActionReply(JSON.stringify([null, { slug: "a", name: "A", tags: ["x"], version: 3 }]))).toBe(true);
    expect(isPlainActionReply(JSON.stringify(["version: 1\nteams: []\n"]))).toBe(true);
    expect(isPlainActionReply('[null,{"price":"$$5"},"$undefined"]')).toBe(true);
    expect(isPlainMultipartReply([["0", '[null,{"slug":"a"}]']])).toBe(true);
  });

  it("refuses what Next.js would answer with a 500", () => {
    for (const body of ["", "{nope", "[", "\u0000", '["$Q1"]', '["$@5"]', '["$K1"]', '["$T"]', '["$h1"]', '["$F9"]', '["$B1"]', '["$n"]', '["$D"]', '"$$$"', "1", "[".repeat(5000)]) {
      expect(isPlainActionReply(body), body.slice(0, 20)).toBe(false);
    }
    expect(isPlainActionReply(`${"[".repeat(100)}${"]".repeat(100)}`)).toBe(false);
    expect(isPlainMultipartReply([["0", "[]"], ["1", "x"]])).toBe(false);
    expect(isPlainMultipartReply([["1", "[]"]])).toBe(false);
  });
});
