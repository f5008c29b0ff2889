import { z } from "zod";

// Catalog records carry many fields whose rules live in lib/validation/catalog.ts; the response
// schemas pin the envelope and the identity and bookkeeping fields a client relies on, and let
// the rest of each record through as the domain produced it.
const versioned = { version: z.number().int().positive(), updatedAt: z.string() };

export const teamRecordSchema = z.looseObject({ slug: z.string(), name: z.string(), ...versioned });
export const serviceRecordSchema = z.looseObject({ slug: z.string(), name: z.string(), team: z.string(), ...versioned });
export const contractRecordSchema = z.looseObject({ cluster: z.string(), topic: z.string(), owner: z.string(), ...versioned });

/** GET /api/catalog/teams */
export const teamListResponseSchema = z.object({ teams: z.array(teamRecordSchema.extend({ serviceCount: z.number().int() })) });
/** GET /api/catalog/teams/{slug} */
export const teamDetailResponseSchema = z.object({
  team: teamRecordSchema.extend({ services: z.array(z.object({ slug: z.string(), name: z.string(), tier: z.string(), lifecycle: z.string() })) }),
});
/** GET /api/catalog/services */
export const serviceListResponseSchema = z.object({
  services: z.array(serviceRecordSchema.extend({ teamName: z.string(), contractCount: z.number().int() })),
});
/** A service's produce edge on one cluster's topic (lib/flow/service-produce-edges.ts). */
export const serviceProduceEdgeSchema = z.object({
  cluster: z.string(),
  topic: z.string(),
  classification: z.enum(["declared-observed", "declared-not-observed", "observed-not-declared"]),
  /** Header values of this service seen on the topic in the sample window. */
  values: z.array(z.string()),
  records: z.number().int(),
  sampledRecords: z.number().int(),
  share: z.number(),
  /** msg/s, an estimate (see rateSource). */
  estimatedRate: z.number().nullable(),
  rateSource: z.enum(["producer-sample", "declared-split", "none"]),
  conformance: z.object({ checked: z.number().int(), violations: z.number().int() }).nullable(),
});

/** GET /api/catalog/services/{slug} */
export const serviceDetailResponseSchema = z.object({
  service: serviceRecordSchema.extend({
    teamInfo: z.looseObject({ slug: z.string(), name: z.string() }),
    ownedContracts: z.array(z.object({ cluster: z.string(), topic: z.string(), lagObjectiveSec: z.number().nullable() })),
    topics: z.array(z.looseObject({})),
    /** Observed and declared produce edges on the clusters with live data, from the producer-header sample. */
    produceEdges: z.array(serviceProduceEdgeSchema),
  }),
});
/** GET /api/catalog/contracts */
export const contractListResponseSchema = z.object({
  contracts: z.array(contractRecordSchema.extend({ ownerTeam: z.string(), producers: z.array(z.string()), consumers: z.array(z.string()) })),
});
const declaredParty = z.object({ slug: z.string(), name: z.string(), purpose: z.string(), consumerGroups: z.array(z.string()) });
/** GET /api/catalog/contracts/{cluster}/{topic} */
export const contractDetailResponseSchema = z.object({
  contract: contractRecordSchema.extend({
    ownerInfo: z.looseObject({ slug: z.string(), name: z.string() }),
    producers: z.array(declaredParty),
    consumers: z.array(declaredParty),
    schemaVersions: z.array(z.looseObject({ number: z.number().int(), author: z.string(), createdAt: z.string() })),
  }),
});

/** POST/PUT/DELETE of a team, service or contract: the record as saved (or as it was, for a delete). */
export const teamWriteResponseSchema = z.object({ record: teamRecordSchema });
export const serviceWriteResponseSchema = z.object({ record: serviceRecordSchema });
export const contractWriteResponseSchema = z.object({ record: contractRecordSchema });

/** GET /api/catalog/topics/{cluster}/{topic}: what the catalog says about a topic (null: a live topic without contract). */
export const topicCatalogInfoResponseSchema = z.object({
  info: z
    .object({
      contract: contractRecordSchema,
      owner: z.looseObject({ slug: z.string(), name: z.string() }),
      producers: z.array(declaredParty),
      consumers: z.array(declaredParty),
      latestSchemaVersion: z.object({ number: z.number().int(), author: z.string(), createdAt: z.string() }).nullable(),
    })
    .nullable(),
});

const liveSection = { cluster: z.string(), stale: z.boolean(), ageSeconds: z.number().nullable(), lastError: z.string().nullable() };

/** GET /api/catalog/unowned-topics (`topics: null` = no snapshot of that cluster yet) */
export const unownedTopicsResponseSchema = z.object({
  clusters: z.array(
    z.object({
      ...liveSection,
      topics: z.array(z.object({ name: z.string(), partitions: z.number().int(), messagesPerSec: z.number().nullable() })).nullable(),
    }),
  ),
});

/** GET /api/catalog/undocumented-groups */
export const undocumentedGroupsResponseSchema = z.object({
  clusters: z.array(
    z.object({
      ...liveSection,
      groups: z
        .array(
          z.object({
            groupId: z.string(),
            state: z.string(),
            status: z.string(),
            lag: z.number(),
            timeLagSeconds: z.number().nullable(),
            topics: z.array(z.string()),
          }),
        )
        .nullable(),
    }),
  ),
});

/** POST /api/catalog/import: the plan (dry run) or the applied plan. */
export const importResponseSchema = z.object({ ok: z.literal(true), applied: z.boolean(), plan: z.looseObject({ changes: z.array(z.looseObject({})) }) });
