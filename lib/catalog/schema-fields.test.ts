import { describe, expect, it } from "vitest";
import { listSchemaFields } from "@/lib/catalog/schema-fields";

describe("listSchemaFields", () => {
  it("lists nested properties and array items with their rules", () => {
    const schema = {
      type: "object",
      required: ["orderId", "items"],
      properties: {
        orderId: { type: "string", pattern: "^ord-", description: "Order key" },
        items: { type: "array", minItems: 1, items: { type: "object", required: ["sku"], properties: { sku: { type: "string" }, quantity: { type: "integer", minimum: 1 } } } },
        status: { enum: ["new", "paid"] },
      },
    };
    expect(listSchemaFields(schema)).toEqual([
      { path: "orderId", type: "string", required: true, rules: ["pattern ^ord-"], description: "Order key" },
      { path: "items", type: "array of object", required: true, rules: ["at least 1 item"], description: null },
      { path: "items[].sku", type: "string", required: true, rules: [], description: null },
      { path: "items[].quantity", type: "integer", required: false, rules: ["≥ 1"], description: null },
      { path: "status", type: "enum", required: false, rules: ['one of "new", "paid"'], description: null },
    ]);
  });

  it("is empty for a schema without properties", () => {
    expect(listSchemaFields({ type: "string" })).toEqual([]);
    expect(listSchemaFields(null)).toEqual([]);
  });
});
