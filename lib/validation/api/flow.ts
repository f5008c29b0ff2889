import { z } from "zod";
import { freshnessSchema, groupStatusSchema } from "@/lib/validation/api/freshness";

const classification = z.enum(["declared-observed", "declared-not-observed", "observed-not-declared"]);
const issueKind = z.enum(["not-observed", "undocumented", "unowned-topic", "lag-over-objective", "unhealthy", "contract-violations"]);
const tier = z.enum(["critical", "high", "medium", "low"]);

const linkTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("service"), slug: z.string() }),
  z.object({ kind: z.literal("new-service"), slug: z.string() }),
  z.object({ kind: z.literal("contract"), topic: z.string() }),
  z.object({ kind: z.literal("new-contract"), topic: z.string() }),
  z.object({ kind: z.literal("group"), groupId: z.string() }),
  z.object({ kind: z.literal("topic"), name: z.string() }),
]);
const issue = z.object({ kind: issueKind, reason: z.string(), link: linkTarget });

const nodeCommon = {
  id: z.string(),
  label: z.string(),
  classification,
  status: groupStatusSchema.nullable(),
  issues: z.array(issue),
  violations: z.number().int().optional(),
};
const conformance = z.object({ checked: z.number().int(), violations: z.number().int() });

export const flowNodeSchema = z.discriminatedUnion("kind", [
  z.object({
    ...nodeCommon,
    kind: z.literal("service"),
    slug: z.string(),
    teamSlug: z.string(),
    teamName: z.string(),
    tier,
    tags: z.array(z.string()),
    consumerGroups: z.array(z.string()),
    liveGroups: z.array(z.string()),
  }),
  z.object({ ...nodeCommon, kind: z.literal("unmapped-group"), groupId: z.string(), state: z.string(), members: z.number().int() }),
  z.object({ ...nodeCommon, kind: z.literal("unmapped-producer"), producer: z.string() }),
  z.object({
    ...nodeCommon,
    kind: z.literal("topic"),
    name: z.string(),
    live: z.boolean(),
    messagesPerSec: z.number().nullable(),
    partitions: z.number().int(),
    contract: z
      .object({
        ownerServiceSlug: z.string(),
        ownerTeamSlug: z.string().nullable(),
        ownerTeamName: z.string().nullable(),
        lagObjectiveSec: z.number().nullable(),
      })
      .nullable(),
    producerSample: z
      .object({ sampledRecords: z.number().int(), unattributedRecords: z.number().int(), unattributedRate: z.number().nullable() })
      .optional(),
    conformance: conformance.optional(),
  }),
  z.object({
    ...nodeCommon,
    kind: z.literal("aggregate"),
    prefix: z.string(),
    topicIds: z.array(z.string()),
    messagesPerSec: z.number().nullable(),
    driftCount: z.number().int(),
  }),
]);

export const flowEdgeSchema = z.object({
  id: z.string(),
  kind: z.enum(["produces", "consumes"]),
  source: z.string(),
  target: z.string(),
  classification,
  rate: z.number().nullable(),
  rateSource: z.enum(["group-commits", "producer-sample", "declared-split", "none"]),
  lag: z.number().nullable(),
  timeLagSeconds: z.number().nullable(),
  status: groupStatusSchema.nullable(),
  groups: z.array(z.string()),
  lagObjectiveSec: z.number().nullable(),
  lagOverObjective: z.boolean(),
  issues: z.array(issue),
  sample: z.object({ records: z.number().int(), sampledRecords: z.number().int() }).optional(),
  conformance: conformance.optional(),
  aggregatedCount: z.number().int().optional(),
});

export const flowGraphSchema = z.object({
  cluster: z.string(),
  sampledAt: z.number().nullable(),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
});

/** GET /api/clusters/{cluster}/flow */
export const flowResponseSchema = z.object({
  cluster: z.string(),
  graph: flowGraphSchema,
  /** How old the observed side is; null when the cluster has never been sampled. */
  freshness: freshnessSchema.nullable(),
  /** Why there is no observed side yet (collector starting, Kafka unreachable). */
  unobservedReason: z.string().nullable(),
  /** Milliseconds the builder took. */
  buildMs: z.number(),
  synthetic: z.boolean(),
});
export type FlowResponse = z.infer<typeof flowResponseSchema>;
