import { z } from "zod";
import { freshnessSchema, historyRangeSchema, pageSchema } from "@/lib/validation/api/freshness";
import { groupTopicSummarySchema } from "@/lib/validation/api/groups";
import { renderedValueSchema } from "@/lib/validation/api/messages";

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

const conformanceCountsSchema = z.object({ checked: z.number().int(), violations: z.number().int() });

/** One producer of a topic as the producer header tells (lib/flow/producers.ts TopicProducerRow). */
export const topicProducerSchema = z.object({
  /** Header value; null for records without the header and for declared producers not seen. */
  value: z.string().nullable(),
  serviceSlug: z.string().nullable(),
  classification: z.enum(["declared-observed", "declared-not-observed", "observed-not-declared", "unknown", "unattributed"]),
  records: z.number().int(),
  /** Of the window's sampled records, 0–1. */
  share: z.number(),
  /** msg/s, an ESTIMATE: share × the topic's throughput (or an even split, see rateSource). */
  estimatedRate: z.number().nullable(),
  rateSource: z.enum(["producer-sample", "declared-split", "none"]),
  conformance: conformanceCountsSchema.nullable(),
});
export type TopicProducerView = z.infer<typeof topicProducerSchema>;

export const conformanceViolationSchema = z.object({
  partition: z.number().int(),
  offset: z.number(),
  at: z.number(),
  producer: z.string().nullable(),
  pointer: z.string(),
  message: z.string(),
  value: renderedValueSchema,
});
export type ConformanceViolationView = z.infer<typeof conformanceViolationSchema>;

export const topicConformanceSchema = z.object({
  topic: z.string(),
  contractVersion: z.number().int(),
  checked: z.number().int(),
  violations: z.number().int(),
  /** Conforming records in % of checked (0–100); null when nothing was checked. */
  percent: z.number().nullable(),
  byProducer: z.array(conformanceCountsSchema.extend({ value: z.string().nullable() })),
  latestViolations: z.array(conformanceViolationSchema),
});
export type TopicConformanceView = z.infer<typeof topicConformanceSchema>;

/** GET /api/clusters/{cluster}/topics/{topic} */
export const topicDetailResponseSchema = z.object({
  freshness: freshnessSchema,
  topic: topicSnapshotSchema,
  readers: z.array(topicReaderSchema),
  configs: z.object({ entries: z.array(topicConfigSchema), error: z.string().nullable() }),
  /** Producers by the producer header over the sample window; null when the catalog cannot be read. */
  producers: z.array(topicProducerSchema).nullable(),
  producersError: z.string().nullable(),
  /** Null when the topic has no JSON Schema contract on this cluster. */
  conformance: topicConformanceSchema.nullable(),
});
export type TopicDetailResponse = z.infer<typeof topicDetailResponseSchema>;

/** GET /api/clusters/{cluster}/topics/{topic}/history?range= */
export const topicHistoryResponseSchema = z.object({
  range: historyRangeSchema,
  resolution: z.number(),
  points: z.array(z.object({ at: z.number(), messagesPerSec: z.number() })),
});
export type TopicHistoryResponse = z.infer<typeof topicHistoryResponseSchema>;

/** GET /api/clusters/{cluster}/topics/{topic}/conformance/history?range= */
export const topicConformanceHistoryResponseSchema = z.object({
  range: historyRangeSchema,
  resolution: z.number(),
  points: z.array(z.object({ at: z.number(), checked: z.number().int(), violations: z.number().int() })),
});
export type TopicConformanceHistoryResponse = z.infer<typeof topicConformanceHistoryResponseSchema>;
