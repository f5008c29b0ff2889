// One zod schema per catalog entity, used by the route handlers, the server actions, the YAML
// catalog file and (after ./catalog-forms converts typed text) the forms as you type. The server
// never trusts the browser: every write path parses with these same schemas. Types are strict:
// JSON numbers, lists and objects, never numbers in strings (see ./fields and ./limits).
import { z } from "zod";
import {
  choiceField,
  clusterField,
  descriptionText,
  enumField,
  jsonDocument,
  kafkaName,
  listField,
  optionalEmail,
  optionalInteger,
  optionalText,
  optionalUrl,
  plainText,
  requiredText,
} from "@/lib/validation/fields";
import { LIMITS } from "@/lib/validation/limits";
import { listJsonSchemaProblems, listJsonSchemaViolations } from "@/lib/validation/json-schema";

export const TIERS = ["critical", "high", "medium", "low"] as const;
export const LIFECYCLES = ["experimental", "production", "deprecated"] as const;
export const COMPATIBILITY_MODES = ["none", "backward", "forward", "full"] as const;
export const CLASSIFICATIONS = ["public", "internal", "confidential", "pii"] as const;
export const FLOW_DIRECTIONS = ["produces", "consumes"] as const;
export const DEFAULT_CLUSTER = "local";

const tag = plainText("Tags")
  .max(LIMITS.tag, `Tags: at most ${LIMITS.tag} characters each`)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Tags: lowercase letters, digits and '-'");
const consumerGroupId = plainText("Consumer group ids")
  .max(LIMITS.consumerGroupId, `Consumer group ids: at most ${LIMITS.consumerGroupId} characters each`)
  .regex(/^[^\s,]+$/, "Consumer group ids cannot contain spaces or commas");
const producerHeaderValue = plainText("Producer header values")
  .max(LIMITS.producerHeaderValue, `Producer header values: at most ${LIMITS.producerHeaderValue} characters each`)
  .regex(/^[^\s,]+$/, "Producer header values cannot contain spaces or commas");

const teamShape = {
  slug: kafkaName("Slug"),
  name: requiredText("Name", LIMITS.displayName),
  description: descriptionText(),
  email: optionalEmail,
  chatChannel: optionalText("Chat channel", LIMITS.chatChannel),
  oncallUrl: optionalUrl,
};
export const teamSchema = z.object(teamShape);

const flowShape = {
  direction: choiceField(FLOW_DIRECTIONS, "Direction"),
  cluster: clusterField(DEFAULT_CLUSTER),
  topic: kafkaName("Topic"),
  purpose: descriptionText("Purpose", LIMITS.flowPurpose),
};
/** A declared produce/consume relation as edited on the service form (the service is implied). */
export const serviceFlowSchema = z.object(flowShape);

const serviceShape = {
  slug: kafkaName("Slug"),
  name: requiredText("Name", LIMITS.displayName),
  description: descriptionText(),
  team: kafkaName("Owner team"),
  tier: enumField(TIERS, "Tier", "medium"),
  lifecycle: enumField(LIFECYCLES, "Lifecycle", "production"),
  repositoryUrl: optionalUrl,
  runbookUrl: optionalUrl,
  tags: listField(tag, "Tags", LIMITS.tagsPerService),
  consumerGroups: listField(consumerGroupId, "Consumer groups", LIMITS.consumerGroupsPerService),
  /** Values of the producer header this service writes; empty = its slug. */
  producerHeaderValues: listField(producerHeaderValue, "Producer header values", LIMITS.producerHeaderValuesPerService),
};
export const serviceSchema = z.object({
  ...serviceShape,
  flows: z
    .array(serviceFlowSchema, { error: "Declared flows must be a list" })
    .max(LIMITS.flowsPerService, `At most ${LIMITS.flowsPerService} declared flows`)
    .default([])
    .superRefine((flows, ctx) => {
      const seen = new Set<string>();
      flows.forEach((flow, index) => {
        const key = `${flow.direction} ${flow.cluster}/${flow.topic}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "topic"], message: `Listed twice: ${key}` });
        seen.add(key);
      });
    }),
});

/** A JSON Schema given as a JSON object (or null); must be a usable schema (Ajv). */
function jsonSchemaField(what: string) {
  return jsonDocument(what, LIMITS.jsonSchemaChars).pipe(
    z.any().superRefine((schema: unknown, ctx) => {
      if (schema === null) return;
      for (const problem of listJsonSchemaProblems(schema)) {
        ctx.addIssue({ code: "custom", message: `${what}: ${problem}` });
      }
    }),
  );
}

const contractShape = {
  cluster: clusterField(DEFAULT_CLUSTER),
  topic: kafkaName("Topic name"),
  owner: kafkaName("Owner service"),
  description: descriptionText(),
  partitions: optionalInteger("Partitions", 1, 100_000),
  retentionMs: optionalInteger("Retention", -1, Number.MAX_SAFE_INTEGER),
  lagObjectiveSec: optionalInteger("Lag objective", 1, 30 * 24 * 3600),
  compatibility: enumField(COMPATIBILITY_MODES, "Compatibility", "backward"),
  classification: enumField(CLASSIFICATIONS, "Classification", "internal"),
  valueSchema: jsonSchemaField("Value schema"),
  keySchema: jsonSchemaField("Key schema"),
  exampleMessage: jsonDocument("Example message", LIMITS.exampleMessageChars),
};

function checkExampleAgainstSchema(
  contract: { valueSchema: unknown; exampleMessage: unknown },
  ctx: z.RefinementCtx,
) {
  const { valueSchema, exampleMessage } = contract;
  if (valueSchema === null || valueSchema === undefined || exampleMessage === null || exampleMessage === undefined) return;
  // An unusable schema already has its own error; judging the example by it would only add noise.
  if (listJsonSchemaProblems(valueSchema).length > 0) return;
  for (const violation of listJsonSchemaViolations(valueSchema, exampleMessage)) {
    ctx.addIssue({ code: "custom", path: ["exampleMessage"], message: `Example does not match the value schema: ${violation}` });
  }
}

export const contractSchema = z.object(contractShape).superRefine(checkExampleAgainstSchema);

/** Optimistic concurrency: the version the editor started from. */
export const expectedVersionSchema = z
  .number({ error: (issue) => (issue.input === undefined ? "version is required" : "version must be a positive whole number") })
  .int("version must be a positive whole number")
  .positive("version must be a positive whole number");

// The YAML catalog file: strict objects so a misspelt key ("consumerGroup") is an error, not ignored.
export const catalogFileEntrySchemas = {
  teams: z.strictObject(teamShape),
  services: z.strictObject(serviceShape),
  contracts: z.strictObject(contractShape).superRefine(checkExampleAgainstSchema),
  flows: z.strictObject({ service: kafkaName("Service"), ...flowShape }),
};
export const catalogFileFlowSchema = catalogFileEntrySchemas.flows;
export const catalogFileSchema = z.strictObject({
  version: z.literal(1, { error: "version must be 1" }).default(1),
  teams: z.array(catalogFileEntrySchemas.teams).default([]),
  services: z.array(catalogFileEntrySchemas.services).default([]),
  contracts: z.array(catalogFileEntrySchemas.contracts).default([]),
  flows: z.array(catalogFileEntrySchemas.flows).default([]),
});

export type TeamInput = z.output<typeof teamSchema>;
export type ServiceFlowInput = z.output<typeof serviceFlowSchema>;
export type ServiceInput = z.output<typeof serviceSchema>;
export type ContractInput = z.output<typeof contractSchema>;
export type CatalogFileFlow = z.output<typeof catalogFileFlowSchema>;
export type CatalogFile = z.output<typeof catalogFileSchema>;
export type Tier = (typeof TIERS)[number];
export type Lifecycle = (typeof LIFECYCLES)[number];
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type FlowDirection = (typeof FLOW_DIRECTIONS)[number];
