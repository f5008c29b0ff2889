import { describe, expect, it } from "vitest";
import { MAX_VALUE_BYTES, renderValue } from "@/lib/kafka/message-render";

describe("renderValue", () => {
  it("shows a value up to the display limit whole", () => {
    expect(renderValue(Buffer.from('{"a":1}'))).toEqual({ kind: "json", text: '{\n  "a": 1\n}', truncated: false });
    expect(renderValue(Buffer.alloc(MAX_VALUE_BYTES, "y"))).toEqual({ kind: "text", text: "y".repeat(MAX_VALUE_BYTES), truncated: false });
  });

  it("sends only a preview of a longer value", () => {
    expect(renderValue(Buffer.alloc(2 * 1024 * 1024, "z"))).toEqual({ kind: "text", text: "z".repeat(MAX_VALUE_BYTES), truncated: true });
  });

  it("keeps a text preview text when the limit falls inside a multi-byte character", () => {
    // "é" is 2 bytes: one ASCII byte first puts the limit in the middle of one.
    const value = Buffer.from(`a${"é".repeat(MAX_VALUE_BYTES)}`);
    const rendered = renderValue(value);
    expect(rendered).toEqual({ kind: "text", text: `a${"é".repeat((MAX_VALUE_BYTES - 2) / 2)}`, truncated: true });
  });

  it("shows bytes that are not text as base64", () => {
    expect(renderValue(Buffer.from([0, 1, 2, 0xff]))).toEqual({ kind: "binary", base64: "AAEC/w==", truncated: false });
    expect(renderValue(null)).toEqual({ kind: "null" });
  });
});
