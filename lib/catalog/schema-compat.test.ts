import { describe, expect, it } from "vitest";
import { checkSchemaCompatibility, describeCompatibilityIssue } from "@/lib/catalog/schema-compat";

const orderV1 = {
  type: "object",
  required: ["orderId", "total"],
  properties: {
    orderId: { type: "string" },
    total: { type: "number" },
    currency: { type: "string", enum: ["EUR", "USD", "GBP"] },
    items: { type: "array", items: { type: "object", properties: { sku: { type: "string" }, quantity: { type: "integer" } } } },
  },
};

function withChanges(change: (schema: typeof orderV1) => void) {
  const copy = structuredClone(orderV1);
  change(copy);
  return copy;
}

function lines(previous: unknown, next: unknown, mode: Parameters<typeof checkSchemaCompatibility>[2]) {
  return checkSchemaCompatibility(previous, next, mode).map(describeCompatibilityIssue);
}

describe("checkSchemaCompatibility", () => {
  it("finds nothing when the schema is unchanged, under every mode", () => {
    for (const mode of ["none", "backward", "forward", "full"] as const) {
      expect(checkSchemaCompatibility(orderV1, structuredClone(orderV1), mode)).toEqual([]);
    }
  });

  it("allows adding an optional property under full compatibility", () => {
    const next = withChanges((schema) => {
      (schema.properties as Record<string, unknown>).note = { type: "string" };
    });
    expect(checkSchemaCompatibility(orderV1, next, "full")).toEqual([]);
  });

  it("flags a removed property under backward", () => {
    const next = withChanges((schema) => {
      delete (schema.properties as Partial<typeof schema.properties>).currency;
    });
    expect(lines(orderV1, next, "backward")).toEqual(['backward: /properties/currency property "currency" was removed']);
  });

  it("flags a newly required property under backward, and the reverse under forward", () => {
    const next = withChanges((schema) => schema.required.push("currency"));
    expect(lines(orderV1, next, "backward")).toEqual(['backward: /properties/currency property "currency" is newly required']);
    expect(lines(orderV1, next, "forward")).toEqual([]);
    expect(lines(next, orderV1, "forward")).toEqual(['forward: /properties/currency property "currency" is no longer required']);
  });

  it("flags a changed type, including inside array items", () => {
    const next = withChanges((schema) => {
      schema.properties.total = { type: "string" };
      schema.properties.items.items.properties.quantity = { type: "string" };
    });
    expect(lines(orderV1, next, "backward")).toEqual([
      "backward: /properties/total type changed from number to string",
      "backward: /properties/items/items/properties/quantity type changed from integer to string",
    ]);
  });

  it("treats integer → number as widening (backward ok) but number → integer as narrowing", () => {
    const widened = withChanges((schema) => {
      schema.properties.items.items.properties.quantity = { type: "number" };
    });
    expect(lines(orderV1, widened, "backward")).toEqual([]);
    expect(lines(orderV1, widened, "forward")).toEqual([
      "forward: /properties/items/items/properties/quantity type changed from integer to number",
    ]);
  });

  it("flags an enum that lost values", () => {
    const next = withChanges((schema) => {
      schema.properties.currency.enum = ["EUR", "USD"];
    });
    expect(lines(orderV1, next, "backward")).toEqual(['backward: /properties/currency enum no longer allows "GBP"']);
  });

  it("under full reports both directions", () => {
    const next = withChanges((schema) => {
      schema.properties.total = { type: "integer" };
    });
    expect(lines(orderV1, next, "full")).toEqual(["backward: /properties/total type changed from number to integer"]);
    const closed = { ...orderV1, additionalProperties: false };
    const added = { ...closed, properties: { ...closed.properties, note: { type: "string" } } };
    expect(lines(closed, added, "full")).toEqual([
      'forward: /properties/note property "note" was added but the old schema forbids additional properties',
    ]);
  });

  it("ignores everything under mode none or when there was no previous schema", () => {
    expect(checkSchemaCompatibility(orderV1, { type: "string" }, "none")).toEqual([]);
    expect(checkSchemaCompatibility(null, orderV1, "full")).toEqual([]);
  });
});
