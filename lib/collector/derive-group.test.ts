import { describe, expect, it } from "vitest";
import { isTopicReason } from "@/lib/collector/derive-group";

describe("isTopicReason", () => {
  const text = "no commit for over 300s and no members, lag 86";

  it("matches exactly the reason a template makes of the parts", () => {
    expect(isTopicReason(`orders: ${text}`, "orders", -1, text)).toBe(true);
    expect(isTopicReason(`orders[3]: ${text}`, "orders", 3, text)).toBe(true);
    expect(isTopicReason(`a/b%c: ${text}`, "a/b%c", -1, text)).toBe(true);
    expect(isTopicReason(`日本語[0]: ${text}`, "日本語", 0, text)).toBe(true);
  });

  it("tells a reason apart that differs in any part", () => {
    expect(isTopicReason(`orders: ${text}`, "orders", 0, text)).toBe(false);
    expect(isTopicReason(`orders[3]: ${text}`, "orders", -1, text)).toBe(false);
    expect(isTopicReason(`orders[3]: ${text}`, "orders", 13, text)).toBe(false);
    expect(isTopicReason(`orders[13]: ${text}`, "orders", 3, text)).toBe(false);
    expect(isTopicReason(`orders: ${text}`, "order", -1, text)).toBe(false);
    expect(isTopicReason(`orders: ${text}`, "orders", -1, `lag 86`)).toBe(false);
    expect(isTopicReason(`orders: x ${text}`, "orders", -1, text)).toBe(false);
    expect(isTopicReason(`orders:: ${text}`, "orders", -1, text)).toBe(false);
    // A topic named like a prefix of another, with the text ending the same.
    expect(isTopicReason(`orders: a: ${text}`, "orders: a", -1, text)).toBe(true);
    expect(isTopicReason(`orders: a: ${text}`, "orders", -1, text)).toBe(false);
  });
});
