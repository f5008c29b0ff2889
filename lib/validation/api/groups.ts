import { z } from "zod";
import { freshnessSchema, groupStatusSchema, historyRangeSchema, pageSchema } from "@/lib/validation/api/freshness";

export const groupRowSchema = z.object({
  groupId: z.string(),
  state: z.string(),
  members: z.number().int(),
  topics: z.array(z.string()),
  lag: z.number(),
  timeLagSeconds: z.number().nullable(),
  /** True when that time lag is an estimate from sampled end offsets. */
  timeLagEstimated: z.boolean(),
  status: groupStatusSchema,
  statusReason: z.string(),
  consumedPerSec: z.number().nullable(),
});
export type GroupRowView = z.infer<typeof groupRowSchema>;

/** GET /api/clusters/{cluster}/groups */
export const groupListResponseSchema = pageSchema(groupRowSchema).extend({ freshness: freshnessSchema });
export type GroupListResponse = z.infer<typeof groupListResponseSchema>;

export const groupPartitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  /** null: no commit on this partition (lag = end − start). */
  committedOffset: z.number().nullable(),
  endOffset: z.number(),
  startOffset: z.number(),
  lag: z.number(),
  timeLagSeconds: z.number().nullable(),
  timeLagEstimated: z.boolean(),
  status: groupStatusSchema,
});

export const groupTopicSummarySchema = z.object({
  topic: z.string(),
  lag: z.number(),
  maxLag: z.number(),
  timeLagSeconds: z.number().nullable(),
  timeLagEstimated: z.boolean(),
  consumedPerSec: z.number().nullable(),
  status: groupStatusSchema,
  statusReason: z.string(),
});
export type GroupTopicSummaryView = z.infer<typeof groupTopicSummarySchema>;

export const groupSnapshotSchema = z.object({
  groupId: z.string(),
  state: z.string(),
  protocolType: z.string(),
  members: z.array(
    z.object({
      memberId: z.string(),
      clientId: z.string(),
      host: z.string(),
      assignments: z.array(z.object({ topic: z.string(), partitions: z.array(z.number().int()) })),
    }),
  ),
  topics: z.array(groupTopicSummarySchema),
  partitions: z.array(groupPartitionLagSchema),
  lag: z.number(),
  maxLag: z.number(),
  timeLagSeconds: z.number().nullable(),
  timeLagEstimated: z.boolean(),
  consumedPerSec: z.number().nullable(),
  status: groupStatusSchema,
  statusReason: z.string(),
  catchUpSeconds: z.number().nullable(),
});
export type GroupSnapshotView = z.infer<typeof groupSnapshotSchema>;

/** GET /api/clusters/{cluster}/groups/{group} */
export const groupDetailResponseSchema = z.object({
  freshness: freshnessSchema,
  group: groupSnapshotSchema,
  /** Messages/s produced to each topic the group reads (null: unknown yet). */
  producedPerSec: z.record(z.string(), z.number().nullable()),
});
export type GroupDetailResponse = z.infer<typeof groupDetailResponseSchema>;

/** GET /api/clusters/{cluster}/groups/{group}/history?range=&topic= */
export const groupHistoryResponseSchema = z.object({
  range: historyRangeSchema,
  topic: z.string(),
  resolution: z.number(),
  points: z.array(
    z.object({ at: z.number(), lag: z.number(), timeLagSeconds: z.number().nullable(), consumedPerSec: z.number(), status: z.string() }),
  ),
});
export type GroupHistoryResponse = z.infer<typeof groupHistoryResponseSchema>;
