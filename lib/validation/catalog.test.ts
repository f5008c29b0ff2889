import { describe, expect, it } from "vitest";
import { catalogFileSchema, contractSchema, expectedVersionSchema, serviceSchema, teamSchema } from "@/lib/validation/catalog";
import { contractFormSchema, serviceFormSchema } from "@/lib/validation/catalog-forms";
import { formatIssuePath, toFieldErrors } from "@/lib/validation/field-errors";

const orderSchema = JSON.stringify({
  type: "object",
  required: ["orderId", "total"],
  properties: { orderId: { type: "string" }, total: { type: "number" } },
});

function fieldErrorsOf(result: { success: boolean; error?: unknown }) {
  if (result.success) return {};
  return toFieldErrors(result.error as never);
}

describe("teamSchema", () => {
  it("accepts form strings and turns blanks into null", () => {
    const result = teamSchema.parse({ slug: "commerce", name: " Commerce ", description: "", email: "", chatChannel: " ", oncallUrl: "" });
    expect(result).toEqual({ slug: "commerce", name: "Commerce", description: "", email: null, chatChannel: null, oncallUrl: null });
  });

  it.each([
    ["", "Slug is required"],
    [".", 'Slug cannot be "." or ".."'],
    ["..", 'Slug cannot be "." or ".."'],
    ["has space", "Slug may contain only letters, digits, '.', '_' and '-'"],
    ["ümlaut", "Slug may contain only letters, digits, '.', '_' and '-'"],
    ["a".repeat(250), "Slug must be at most 249 characters"],
  ])("rejects slug %j", (slug, message) => {
    expect(fieldErrorsOf(teamSchema.safeParse({ slug, name: "x" })).slug).toEqual([message]);
  });

  it("accepts a slug of exactly 249 Kafka-legal characters", () => {
    const slug = `A_b.c-9${"x".repeat(242)}`;
    expect(slug).toHaveLength(249);
    expect(teamSchema.safeParse({ slug, name: "x" }).success).toBe(true);
  });

  it("rejects a bad email and a non-http URL", () => {
    const errors = fieldErrorsOf(teamSchema.safeParse({ slug: "t", name: "T", email: "nope", oncallUrl: "ftp://x.example" }));
    expect(errors.email).toEqual(["Enter an email address"]);
    expect(errors.oncallUrl).toEqual(["Enter a full http(s) URL, e.g. https://example.com"]);
  });
});

describe("serviceSchema", () => {
  it("splits tags and consumer groups typed as text (form), dropping blanks and repeats", () => {
    const result = serviceFormSchema.parse({
      slug: "payments",
      name: "Payments",
      team: "commerce",
      tags: "checkout, money,\n checkout",
      consumerGroups: "payments-service\npayments-replay",
    });
    expect(result.tags).toEqual(["checkout", "money"]);
    expect(result.consumerGroups).toEqual(["payments-service", "payments-replay"]);
    expect(result.tier).toBe("medium");
    expect(result.lifecycle).toBe("production");
    expect(result.flows).toEqual([]);
  });

  it("flags a flow listed twice and a bad topic name in a flow", () => {
    const errors = fieldErrorsOf(
      serviceSchema.safeParse({
        slug: "s",
        name: "S",
        team: "t",
        flows: [
          { direction: "consumes", cluster: "local", topic: "orders.created", purpose: "" },
          { direction: "consumes", cluster: "", topic: "orders.created", purpose: "" },
          { direction: "produces", cluster: "local", topic: "bad topic", purpose: "" },
        ],
      }),
    );
    expect(errors["flows.1.topic"]).toEqual(["Listed twice: consumes local/orders.created"]);
    expect(errors["flows.2.topic"]).toEqual(["Topic may contain only letters, digits, '.', '_' and '-'"]);
  });

  it("takes producer header values as a list (form text or JSON), refusing spaces, control characters and too many", () => {
    expect(serviceFormSchema.parse({ slug: "payments", name: "P", team: "t", producerHeaderValues: "payments-v2\n payments-batch\npayments-v2" }).producerHeaderValues).toEqual([
      "payments-v2",
      "payments-batch",
    ]);
    expect(serviceSchema.parse({ slug: "payments", name: "P", team: "t" }).producerHeaderValues).toEqual([]);
    expect(fieldErrorsOf(serviceSchema.safeParse({ slug: "s", name: "S", team: "t", producerHeaderValues: ["two words"] }))["producerHeaderValues.0"]).toEqual([
      "Producer header values cannot contain spaces or commas",
    ]);
    const tooMany = Array.from({ length: 21 }, (_, index) => `p${index}`);
    expect(fieldErrorsOf(serviceSchema.safeParse({ slug: "s", name: "S", team: "t", producerHeaderValues: tooMany })).producerHeaderValues).toEqual([
      "Producer header values: at most 20 entries",
    ]);
    expect(serviceSchema.safeParse({ slug: "s", name: "S", team: "t", producerHeaderValues: ["a\u0000b"] }).success).toBe(false);
  });

  it("rejects an unknown tier with the allowed values", () => {
    expect(fieldErrorsOf(serviceSchema.safeParse({ slug: "s", name: "S", team: "t", tier: "urgent" })).tier).toEqual([
      "Tier must be one of: critical, high, medium, low",
    ]);
  });
});

describe("contractSchema", () => {
  const base = { topic: "orders.created", owner: "orders", valueSchema: JSON.parse(orderSchema) as object };
  const formBase = { ...base, valueSchema: orderSchema };

  it("parses JSON text, numbers typed as text (form) and defaults", () => {
    const result = contractFormSchema.parse({ ...formBase, partitions: "6", retentionMs: "-1", lagObjectiveSec: "", exampleMessage: '{"orderId":"o-1","total":3.5}' });
    expect(result.cluster).toBe("local");
    expect(result.partitions).toBe(6);
    expect(result.retentionMs).toBe(-1);
    expect(result.lagObjectiveSec).toBeNull();
    expect(result.compatibility).toBe("backward");
    expect(result.classification).toBe("internal");
    expect(result.valueSchema).toEqual(JSON.parse(orderSchema));
    expect(result.exampleMessage).toEqual({ orderId: "o-1", total: 3.5 });
  });

  it("reports a schema that is not JSON (form)", () => {
    const errors = fieldErrorsOf(contractFormSchema.safeParse({ ...formBase, valueSchema: '{"type": ' }));
    expect(errors.valueSchema).toHaveLength(1);
    expect(errors.valueSchema?.[0]).toMatch(/^Value schema is not valid JSON: /);
  });

  it("reports JSON that is not a valid JSON Schema", () => {
    const errors = fieldErrorsOf(contractFormSchema.safeParse({ ...formBase, valueSchema: '{"type": "strnig"}' }));
    expect(errors.valueSchema?.[0]).toMatch(/^Value schema: schema \/type must be equal to one of the allowed values/);
  });

  it("reports an unknown keyword (usually a typo)", () => {
    const errors = fieldErrorsOf(contractSchema.safeParse({ ...base, keySchema: { type: "string", requried: true } }));
    expect(errors.keySchema).toEqual(['Key schema: strict mode: unknown keyword: "requried"']);
  });

  it("reports an example that does not match the value schema", () => {
    const errors = fieldErrorsOf(contractSchema.safeParse({ ...base, exampleMessage: { orderId: 7 } }));
    expect(errors.exampleMessage).toEqual([
      "Example does not match the value schema: must have required property 'total'",
      "Example does not match the value schema: /orderId must be string",
    ]);
  });

  it("reports a bad topic name and a negative partition count together", () => {
    const errors = fieldErrorsOf(contractFormSchema.safeParse({ ...formBase, topic: "orders created", partitions: "0" }));
    expect(errors.topic).toEqual(["Topic name may contain only letters, digits, '.', '_' and '-'"]);
    expect(errors.partitions).toEqual(["Partitions must be at least 1"]);
  });
});

describe("catalogFileSchema", () => {
  it("lists every problem with its path and rejects misspelt keys", () => {
    const result = catalogFileSchema.safeParse({
      teams: [{ slug: "ok", name: "OK" }, { slug: "..", name: "" }],
      services: [{ slug: "s", name: "S", team: "ok", consumerGroup: ["x"] }],
    });
    expect(result.success).toBe(false);
    const lines = result.error!.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`);
    expect(lines).toEqual([
      'teams[1].slug: Slug cannot be "." or ".."',
      "teams[1].name: Name is required",
      'services[0]: Unrecognized key: "consumerGroup"',
    ]);
  });

  it("defaults missing sections to empty lists", () => {
    expect(catalogFileSchema.parse({})).toEqual({ version: 1, teams: [], services: [], contracts: [], flows: [] });
  });
});
