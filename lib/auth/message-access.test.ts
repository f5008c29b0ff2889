import { describe, expect, it } from "vitest";
import { maskKeyText, maskRawValue, maskRenderedValue, WITHHELD_TEXT, type MessagePolicy } from "@/lib/auth/message-access";
import { MASK_PLACEHOLDER as M } from "@/lib/auth/masking";

const schema = { type: "object", properties: { email: { type: "string", "x-classification": "pii" }, id: { type: "string" } } };
const masking: MessagePolicy = { classification: "pii", audited: true, mask: true, valueSchema: schema, maskKey: false, keySchema: null };
const open: MessagePolicy = { ...masking, mask: false };
const json = (value: unknown) => JSON.stringify(value, null, 2);

describe("maskRenderedValue", () => {
  it("masks a whole JSON value field by field and names the fields", () => {
    const value = { kind: "json", text: json({ id: "1", email: "a@b.example" }), truncated: false } as const;
    expect(maskRenderedValue(value, masking)).toEqual({ value: { kind: "json", text: json({ id: "1", email: M }), truncated: false }, masked: ["/email"] });
    expect(maskRenderedValue(value, open)).toEqual({ value, masked: [] });
  });

  it("withholds what cannot be masked field by field: text, binary and previews", () => {
    const withheld = { value: { kind: "text", text: WITHHELD_TEXT, truncated: false }, masked: [""] };
    expect(maskRenderedValue({ kind: "text", text: "email=a@b.example", truncated: false }, masking)).toEqual(withheld);
    expect(maskRenderedValue({ kind: "binary", base64: "AAE=", truncated: false }, masking)).toEqual(withheld);
    expect(maskRenderedValue({ kind: "text", text: '{"email":"a@b.exa', truncated: true }, masking)).toEqual(withheld);
    expect(maskRenderedValue({ kind: "null" }, masking)).toEqual({ value: { kind: "null" }, masked: [] });
  });
});

describe("maskRawValue", () => {
  it("gives masked JSON instead of the bytes, refuses what is not JSON, and leaves the bytes alone when allowed", () => {
    const bytes = Buffer.from(JSON.stringify({ email: "a@b.example", id: "1" }));
    expect(maskRawValue(bytes, masking)).toEqual({ kind: "masked", json: json({ email: M, id: "1" }), masked: ["/email"] });
    expect(maskRawValue(Buffer.from([0xff, 0xfe]), masking)).toEqual({ kind: "withheld" });
    expect(maskRawValue(bytes, open)).toEqual({ kind: "raw", bytes });
  });
});

describe("maskKeyText", () => {
  it("masks a key its schema marks sensitive: whole when it is text, field by field when it is JSON", () => {
    const wholeKey: MessagePolicy = { ...open, maskKey: true, keySchema: { type: "string", "x-classification": "pii" } };
    expect(maskKeyText("ada@b.example", wholeKey)).toEqual({ key: M, masked: true });
    expect(maskKeyText(null, wholeKey)).toEqual({ key: null, masked: false });
    const fieldKey: MessagePolicy = { ...open, maskKey: true, keySchema: schema };
    expect(maskKeyText('{"id":"1","email":"a@b.example"}', fieldKey)).toEqual({ key: '{"id":"1","email":"••• masked"}', masked: true });
    expect(maskKeyText('{"id":"1"}', fieldKey)).toEqual({ key: '{"id":"1"}', masked: false });
    expect(maskKeyText("ada@b.example", open)).toEqual({ key: "ada@b.example", masked: false });
  });
});
