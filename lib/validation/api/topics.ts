import { z } from "zod";
import { freshnessSchema, historyRangeSchema, pageSchema } from "@/lib/validation/api/freshness";
import { groupTopicSummarySchema } from "@/lib/validation/api/groups";

export const topicRowSchema = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.number().int(),
  replicationFactor: z.number().int(),
  messagesPerSec: z.number().nullable(),
  messageCount: z.number(),
  retentionMs: z.number().nullable(),
  underReplicatedPartitions: z.number().int(),
  /** Lag of the slowest group reading the topic; null when nobody reads it. */
  maxGroupLag: z.number().nullable(),
  slowestGroup: z.string().nullable(),
  groupCount: z.number().int(),
});
export type TopicRowView = z.infer<typeof topicRowSchema>;

/** GET /api/clusters/{cluster}/topics */
export const topicListResponseSchema = pageSchema(topicRowSchema).extend({ freshness: freshnessSchema });
export type TopicListResponse = z.infer<typeof topicListResponseSchema>;

export const topicSnapshotSchema = z.object({
  name: z.string(),
  internal: z.boolean(),
  partitions: z.array(
    z.object({
      partition: z.number().int(),
      leader: z.number().int(),
      replicas: z.array(z.number().int()),
      isr: z.array(z.number().int()),
      offlineReplicas: z.array(z.number().int()),
      startOffset: z.number(),
      endOffset: z.number(),
    }),
  ),
  replicationFactor: z.number().int(),
  messagesPerSec: z.number().nullable(),
  messageCount: z.number(),
  underReplicatedPartitions: z.number().int(),
  offlinePartitions: z.number().int(),
  retentionMs: z.number().nullable(),
});

export const topicReaderSchema = groupTopicSummarySchema.extend({ groupId: z.string(), state: z.string(), members: z.number().int() });
export type TopicReader = z.infer<typeof topicReaderSchema>;

export const topicConfigSchema = z.object({
  name: z.string(),
  value: z.string().nullable(),
  isDefault: z.boolean(),
  readOnly: z.boolean(),
  sensitive: z.boolean(),
});
export type TopicConfigView = z.infer<typeof topicConfigSchema>;

/** GET /api/clusters/{cluster}/topics/{topic} */
export const topicDetailResponseSchema = z.object({
  freshness: freshnessSchema,
  topic: topicSnapshotSchema,
  readers: z.array(topicReaderSchema),
  configs: z.object({ entries: z.array(topicConfigSchema), error: z.string().nullable() }),
});
export type TopicDetailResponse = z.infer<typeof topicDetailResponseSchema>;

/** GET /api/clusters/{cluster}/topics/{topic}/history?range= */
export const topicHistoryResponseSchema = z.object({
  range: historyRangeSchema,
  resolution: z.number(),
  points: z.array(z.object({ at: z.number(), messagesPerSec: z.number() })),
});
export type TopicHistoryResponse = z.infer<typeof topicHistoryResponseSchema>;
