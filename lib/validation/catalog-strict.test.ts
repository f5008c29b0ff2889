// Hostile input against the entity schemas: wrong JSON types are refused (never coerced), control
// characters are marked malformed in every kind of field, and every string has a maximum length.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { contractSchema, expectedVersionSchema, serviceSchema, teamSchema } from "@/lib/validation/catalog";
import { contractFormSchema, serviceFormSchema } from "@/lib/validation/catalog-forms";
import { toFieldErrors } from "@/lib/validation/field-errors";
import { LIMITS } from "@/lib/validation/limits";
import { isMalformedIssue } from "@/lib/validation/text";

const team = { slug: "commerce", name: "Commerce" };
const service = { slug: "payments", name: "Payments", team: "commerce" };
const contract = { topic: "orders.created", owner: "orders" };

function errorsOf(result: { success: boolean; error?: z.ZodError }) {
  return result.success ? {} : toFieldErrors(result.error!);
}
/** The malformed issues only, as field → messages. */
function malformedOf(result: { success: boolean; error?: z.ZodError }) {
  if (result.success) return {};
  return toFieldErrors({ issues: result.error!.issues.filter(isMalformedIssue) } as z.ZodError);
}

describe("types are never coerced", () => {
  it("refuses numbers given as strings, arrays, booleans or objects", () => {
    for (const partitions of ["3", [3], true, { value: 3 }, ""]) {
      expect(errorsOf(contractSchema.safeParse({ ...contract, partitions })).partitions).toEqual(["Partitions must be a whole number"]);
    }
    expect(contractSchema.parse({ ...contract, partitions: 3, retentionMs: null }).partitions).toBe(3);
  });

  it("refuses a version that is not a JSON number", () => {
    for (const version of ["3", [3], true, 1.5, 0]) {
      expect(expectedVersionSchema.safeParse(version).error?.issues.map((issue) => issue.message)).toEqual(["version must be a positive whole number"]);
    }
    expect(expectedVersionSchema.safeParse(undefined).error?.issues.map((issue) => issue.message)).toEqual(["version is required"]);
    expect(expectedVersionSchema.parse(3)).toBe(3);
  });

  it("refuses text where a list is expected, and non-text in lists and strings", () => {
    expect(errorsOf(serviceSchema.safeParse({ ...service, tags: "a, b" })).tags).toEqual(["Tags must be a list of text"]);
    expect(errorsOf(serviceSchema.safeParse({ ...service, consumerGroups: [7] }))["consumerGroups.0"]).toEqual(["Consumer groups must be text"]);
    expect(errorsOf(teamSchema.safeParse({ slug: ["commerce"], name: 12 }))).toEqual({ slug: ["Slug must be text"], name: ["Name must be text"] });
    expect(errorsOf(serviceSchema.safeParse({ ...service, flows: "orders.created" })).flows).toEqual(["Declared flows must be a list"]);
  });

  it("takes a JSON Schema only as a JSON object: text is not parsed", () => {
    expect(errorsOf(contractSchema.safeParse({ ...contract, valueSchema: '{"type":"object"}' })).valueSchema).toEqual([
      'Value schema: must be a JSON object, e.g. {"type": "object"}',
    ]);
    // An example message may be any JSON value, a string included: it stays a string.
    expect(contractSchema.parse({ ...contract, exampleMessage: '{"a":1}' }).exampleMessage).toBe('{"a":1}');
  });

  it("reads form text strictly: digits only", () => {
    expect(contractFormSchema.parse({ ...contract, partitions: " 12 ", retentionMs: "-1" })).toMatchObject({ partitions: 12, retentionMs: -1 });
    for (const partitions of ["3abc", "0x10", "1e3", "3.0", "+", "٣"]) {
      expect(errorsOf(contractFormSchema.safeParse({ ...contract, partitions })).partitions).toEqual(["Partitions must be a whole number"]);
    }
  });
});

describe("control characters are malformed, in every kind of field", () => {
  const NUL = "\u0000";

  it("names, slugs, e-mails, URLs, chat channels, tags, group ids, enums, clusters and topics", () => {
    expect(malformedOf(teamSchema.safeParse({ slug: `com${NUL}merce`, name: `Com${NUL}`, email: `a${NUL}@b.example`, chatChannel: `#x${NUL}`, oncallUrl: `https://x.example/${NUL}` }))).toEqual({
      slug: ["Slug contains a control character (U+0000 at character 4)"],
      name: ["Name contains a control character (U+0000 at character 4)"],
      email: ["Email contains a control character (U+0000 at character 2)"],
      chatChannel: ["Chat channel contains a control character (U+0000 at character 3)"],
      oncallUrl: ["URL contains a control character (U+0000 at character 19)"],
    });
    expect(malformedOf(serviceSchema.safeParse({ ...service, tier: `high${NUL}`, tags: ["ok", `b\u007f`], consumerGroups: [`g\u0085`], flows: [{ direction: "consumes", cluster: `lo${NUL}`, topic: `t${NUL}` }] }))).toEqual({
      tier: ["Tier contains a control character (U+0000 at character 5)"],
      "tags.1": ["Tags contains a control character (U+007F at character 2)"],
      "consumerGroups.0": ["Consumer groups contains a control character (U+0085 at character 2)"],
      "flows.0.cluster": ["Cluster contains a control character (U+0000 at character 3)"],
      "flows.0.topic": ["Topic contains a control character (U+0000 at character 2)"],
    });
  });

  it("tabs and newlines only where text is multi-line; never at the edges of a name, where trimming would hide them", () => {
    expect(malformedOf(teamSchema.safeParse({ ...team, name: "Commerce\t" }))).toEqual({ name: ["Name contains a control character (U+0009 at character 9)"] });
    expect(malformedOf(teamSchema.safeParse({ ...team, email: " \n " }))).toEqual({ email: ["Email contains a control character (U+000A at character 2)"] });
    expect(teamSchema.parse({ ...team, description: "Line one\n\tLine two" }).description).toBe("Line one\n\tLine two");
    expect(malformedOf(teamSchema.safeParse({ ...team, description: `x${NUL}` }))).toEqual({ description: ["Description contains a control character (U+0000 at character 2)"] });
  });

  it("inside JSON Schema documents and examples: values and keys", () => {
    expect(malformedOf(contractSchema.safeParse({ ...contract, valueSchema: { type: "object", description: `a${NUL}` } }))).toEqual({
      valueSchema: ["Value schema: a text value contains a control character (U+0000 at character 2)"],
    });
    expect(malformedOf(contractSchema.safeParse({ ...contract, keySchema: { [`ty${NUL}pe`]: "string" } }))).toEqual({
      keySchema: ["Key schema: a property name contains a control character (U+0000 at character 3)"],
    });
    expect(malformedOf(contractSchema.safeParse({ ...contract, exampleMessage: [{ note: "\ud800" }] }))).toEqual({
      exampleMessage: ["Example message: a text value contains an unpaired UTF-16 surrogate (U+D800 at character 1)"],
    });
    // Typed into the form: the raw text is checked before it is parsed.
    expect(malformedOf(contractFormSchema.safeParse({ ...contract, valueSchema: `{"type":"string"${NUL}}` }))).toEqual({
      valueSchema: ["Value schema: a text value contains a control character (U+0000 at character 17)"],
    });
  });
});

describe("every string has a maximum length", () => {
  const long = (length: number, char = "a") => char.repeat(length);
  const cases: [string, z.ZodType, Record<string, unknown>, string, number, string][] = [
    ["team slug", teamSchema, team, "slug", LIMITS.kafkaName, "Slug must be at most 249 characters"],
    ["team name", teamSchema, team, "name", LIMITS.displayName, "Name must be at most 120 characters"],
    ["team description", teamSchema, team, "description", LIMITS.description, "Description must be at most 4000 characters"],
    ["chat channel", teamSchema, team, "chatChannel", LIMITS.chatChannel, "Chat channel must be at most 100 characters"],
    ["contract description", contractSchema, contract, "description", LIMITS.description, "Description must be at most 4000 characters"],
    ["topic", contractSchema, contract, "topic", LIMITS.kafkaName, "Topic name must be at most 249 characters"],
    ["owner", contractSchema, contract, "owner", LIMITS.kafkaName, "Owner service must be at most 249 characters"],
    ["service team", serviceSchema, service, "team", LIMITS.kafkaName, "Owner team must be at most 249 characters"],
  ];
  it.each(cases)("%s: accepted at the limit, refused one over", (_name, schema, base, field, max, message) => {
    expect(schema.safeParse({ ...base, [field]: long(max) }).success).toBe(true);
    expect(errorsOf(schema.safeParse({ ...base, [field]: long(max + 1) }))[field]).toContain(message);
  });

  it("e-mails, URLs, tags, group ids, flow purposes, list sizes and JSON documents", () => {
    const email = `${long(64)}@${long(63)}.${long(63)}.${long(60)}.example`;
    expect(errorsOf(teamSchema.safeParse({ ...team, email })).email).toEqual(["Email must be at most 254 characters"]);
    expect(errorsOf(teamSchema.safeParse({ ...team, oncallUrl: `https://x.example/${long(2048)}` })).oncallUrl).toEqual(["URLs must be at most 2048 characters"]);
    expect(errorsOf(serviceSchema.safeParse({ ...service, tags: [long(41)] }))["tags.0"]).toEqual(["Tags: at most 40 characters each"]);
    expect(errorsOf(serviceSchema.safeParse({ ...service, consumerGroups: [long(250)] }))["consumerGroups.0"]).toEqual(["Consumer group ids: at most 249 characters each"]);
    expect(errorsOf(serviceSchema.safeParse({ ...service, tags: Array.from({ length: 51 }, (_, index) => `t${index}`) })).tags).toEqual(["Tags: at most 50 entries"]);
    expect(errorsOf(serviceSchema.safeParse({ ...service, flows: [{ direction: "consumes", topic: "t", purpose: long(501) }] }))["flows.0.purpose"]).toEqual(["Purpose must be at most 500 characters"]);
    const bigSchema = { type: "object", description: long(LIMITS.jsonSchemaChars) };
    expect(errorsOf(contractSchema.safeParse({ ...contract, valueSchema: bigSchema })).valueSchema).toEqual(["Value schema must be at most 256 KiB as JSON text"]);
    expect(errorsOf(contractSchema.safeParse({ ...contract, exampleMessage: long(LIMITS.exampleMessageChars) })).exampleMessage).toEqual(["Example message must be at most 64 KiB as JSON text"]);
    let deep: unknown = 1;
    for (let level = 0; level < 70; level++) deep = [deep];
    expect(errorsOf(contractSchema.safeParse({ ...contract, exampleMessage: deep })).exampleMessage).toEqual(["Example message is nested more than 64 levels deep"]);
  });
});

describe("form text for services", () => {
  it("splits lists typed as text; the same strict rules apply to every entry", () => {
    expect(malformedOf(serviceFormSchema.safeParse({ ...service, tags: "a, b\u0000" }))).toEqual({ "tags.1": ["Tags contains a control character (U+0000 at character 3)"] });
  });
});
