import { describe, expect, it } from "vitest";
import { hasSensitiveFields, MASK_PLACEHOLDER as M, maskSensitive } from "@/lib/auth/masking";

const sensitive = { type: "string", "x-classification": "sensitive" };

describe("maskSensitive", () => {
  it("masks annotated properties of nested objects and leaves the rest", () => {
    const schema = {
      type: "object",
      properties: {
        id: { type: "string" },
        customer: {
          type: "object",
          properties: { email: { type: "string", "x-classification": "pii" }, country: { type: "string" } },
        },
        card: { type: "object", "x-classification": "sensitive", properties: { number: { type: "string" } } },
      },
    };
    const value = { id: "p-1", customer: { email: "ada@example.com", country: "GB" }, card: { number: "4111111111111111" } };
    expect(maskSensitive(value, schema)).toEqual({
      value: { id: "p-1", customer: { email: M, country: "GB" }, card: M },
      masked: ["/customer/email", "/card"],
    });
    expect(value.customer.email).toBe("ada@example.com"); // the input is not modified
  });

  it("masks inside arrays: items, tuples (prefixItems and draft-07 items arrays) and the rest", () => {
    const schema = {
      type: "object",
      properties: {
        lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" }, buyerNote: sensitive } } },
        pair2020: { type: "array", prefixItems: [sensitive, { type: "string" }], items: sensitive },
        pair07: { type: "array", items: [{ type: "string" }, sensitive], additionalItems: { type: "string" } },
      },
    };
    const value = {
      lines: [{ sku: "a", buyerNote: "call me" }, { sku: "b" }],
      pair2020: ["secret", "open", "more", "rest"],
      pair07: ["open", "secret", "tail"],
    };
    expect(maskSensitive(value, schema)).toEqual({
      value: { lines: [{ sku: "a", buyerNote: M }, { sku: "b" }], pair2020: [M, "open", M, M], pair07: ["open", M, "tail"] },
      masked: ["/lines/0/buyerNote", "/pair2020/0", "/pair2020/2", "/pair2020/3", "/pair07/1"],
    });
  });

  it("follows patternProperties and additionalProperties (only for keys not matched otherwise)", () => {
    const schema = {
      type: "object",
      properties: { plain: { type: "string" } },
      patternProperties: { "^token_": sensitive, "^x-": { type: "string" } },
      additionalProperties: sensitive,
    };
    const value = { plain: "p", token_a: "t", "x-trace": "x", other: { nested: 1 } };
    expect(maskSensitive(value, schema)).toEqual({ value: { plain: "p", token_a: M, "x-trace": "x", other: M }, masked: ["/token_a", "/other"] });
  });

  it("resolves local $refs ($defs, definitions, JSON Pointers) and survives a $ref cycle", () => {
    const schema = {
      $defs: { contact: { type: "object", properties: { phone: sensitive, next: { $ref: "#/$defs/contact" } } } },
      definitions: { "a/b": sensitive },
      type: "object",
      properties: { contact: { $ref: "#/$defs/contact" }, slashy: { $ref: "#/definitions/a~1b" }, remote: { $ref: "https://example.com/x.json" } },
    };
    const value = { contact: { phone: "1", next: { phone: "2", next: {} } }, slashy: "s", remote: "r" };
    expect(maskSensitive(value, schema)).toEqual({
      value: { contact: { phone: M, next: { phone: M, next: {} } }, slashy: M, remote: "r" },
      masked: ["/contact/phone", "/contact/next/phone", "/slashy"],
    });
    const cycle = { $defs: { a: { $ref: "#/$defs/b" }, b: { $ref: "#/$defs/a" } }, $ref: "#/$defs/a" };
    expect(maskSensitive({ x: 1 }, cycle)).toEqual({ value: { x: 1 }, masked: [] });
  });

  it("obeys any allOf/anyOf/oneOf branch that marks a field", () => {
    const schema = { anyOf: [{ properties: { ssn: sensitive } }, { properties: { name: { type: "string" } } }], allOf: [{ properties: { dob: sensitive } }] };
    expect(maskSensitive({ ssn: "123", name: "n", dob: "1970" }, schema)).toEqual({ value: { ssn: M, name: "n", dob: M }, masked: ["/ssn", "/dob"] });
  });

  it("masks the whole value when the root is annotated, and escapes pointer tokens", () => {
    expect(maskSensitive({ a: 1 }, { type: "object", "x-classification": "PII" })).toEqual({ value: M, masked: [""] });
    expect(maskSensitive({ "a/b~c": "v" }, { properties: { "a/b~c": sensitive } })).toEqual({ value: { "a/b~c": M }, masked: ["/a~1b~0c"] });
  });

  it("masks nothing without a schema, with a boolean schema, or with other classifications", () => {
    expect(maskSensitive({ a: 1 }, null)).toEqual({ value: { a: 1 }, masked: [] });
    expect(maskSensitive({ a: 1 }, true)).toEqual({ value: { a: 1 }, masked: [] });
    expect(maskSensitive({ a: 1 }, { properties: { a: { "x-classification": "internal" } } })).toEqual({ value: { a: 1 }, masked: [] });
    // A value of another shape than the schema expects is left as it is where nothing matches.
    expect(maskSensitive("text", { properties: { a: sensitive } })).toEqual({ value: "text", masked: [] });
    // An invalid pattern matches nothing instead of throwing.
    expect(maskSensitive({ a: 1 }, { patternProperties: { "(": sensitive } })).toEqual({ value: { a: 1 }, masked: [] });
  });
});

describe("hasSensitiveFields", () => {
  it("finds the annotation anywhere in the schema", () => {
    expect(hasSensitiveFields({ $defs: { x: { items: { properties: { y: sensitive } } } } })).toBe(true);
    expect(hasSensitiveFields({ properties: { y: { type: "string", "x-classification": "internal" } } })).toBe(false);
    expect(hasSensitiveFields(null)).toBe(false);
  });
});

describe("the keyword in contracts", () => {
  it("is accepted by the contract's strict JSON Schema check", async () => {
    const { listJsonSchemaProblems } = await import("@/lib/validation/json-schema");
    expect(listJsonSchemaProblems({ type: "object", properties: { email: { type: "string", "x-classification": "pii" } } })).toEqual([]);
  });
});
