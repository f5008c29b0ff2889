import { describe, expect, it } from "vitest";
import { teamSchema } from "@/lib/validation/catalog";
import { checkKeys, isLookupKey } from "@/lib/catalog/keys";
import { fromZodFailure } from "@/lib/catalog/results";

describe("fromZodFailure", () => {
  it("is malformed, naming only the malformed fields, when any field holds a control character", () => {
    const parsed = teamSchema.safeParse({ slug: "..", name: "A\u0000" });
    expect(fromZodFailure(parsed.error!)).toEqual({
      ok: false,
      reason: "malformed",
      message: "Name contains a control character (U+0000 at character 2)",
      fieldErrors: { name: ["Name contains a control character (U+0000 at character 2)"] },
    });
  });

  it("is invalid with every field error otherwise", () => {
    const parsed = teamSchema.safeParse({ slug: "..", name: "" });
    expect(fromZodFailure(parsed.error!)).toEqual({
      ok: false,
      reason: "invalid",
      message: "Some fields need attention",
      fieldErrors: { slug: ['Slug cannot be "." or ".."'], name: ["Name is required"] },
    });
  });
});

describe("record keys from URLs", () => {
  it("refuses control characters in a key before any lookup", () => {
    expect(checkKeys({ cluster: "local", topic: "a\u0000" })).toEqual({
      ok: false,
      reason: "malformed",
      message: "Topic contains a control character (U+0000 at character 2)",
      fieldErrors: { topic: ["Topic contains a control character (U+0000 at character 2)"] },
    });
    expect(checkKeys({ slug: "payments%2F/ü" })).toBeNull();
    expect(isLookupKey("a\u0085")).toBe(false);
    expect(isLookupKey("orders.created")).toBe(true);
  });
});
