import { z } from "zod";
import { freshnessSchema, historyRangeSchema } from "@/lib/validation/api/freshness";
import { groupRowSchema } from "@/lib/validation/api/groups";

/** GET /api/clusters: configured clusters without credentials. */
export const clusterListResponseSchema = z.object({
  clusters: z.array(
    z.object({
      name: z.string(),
      brokers: z.array(z.string()),
      ssl: z.boolean(),
      saslMechanism: z.string().nullable(),
      clusterId: z.string().nullable(),
      sampledAt: z.number().nullable(),
      stale: z.boolean(),
      lastError: z.string().nullable(),
    }),
  ),
});
export type ClusterListResponse = z.infer<typeof clusterListResponseSchema>;

export const brokerSchema = z.object({ nodeId: z.number().int(), host: z.string(), port: z.number().int(), rack: z.string().nullable() });

/** GET /api/clusters/{cluster}/overview */
export const overviewResponseSchema = z.object({
  freshness: freshnessSchema,
  overview: z.object({
    clusterId: z.string(),
    controller: z.number().int().nullable(),
    brokers: z.array(brokerSchema),
    totals: z.object({
      topics: z.number().int(),
      partitions: z.number().int(),
      underReplicatedPartitions: z.number().int(),
      offlinePartitions: z.number().int(),
      messagesPerSec: z.number().nullable(),
    }),
    groupCount: z.number().int(),
    worstGroups: z.array(groupRowSchema),
    sampleDurationMs: z.number(),
  }),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;

/** GET /api/clusters/{cluster}/history: total messages/s over time. */
export const clusterHistoryResponseSchema = z.object({
  range: historyRangeSchema,
  resolution: z.number(),
  points: z.array(z.object({ at: z.number(), messagesPerSec: z.number() })),
});
export type ClusterHistoryResponse = z.infer<typeof clusterHistoryResponseSchema>;
