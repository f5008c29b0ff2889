import { z } from "zod";

/** A record's value as the browser shows it: whole, or a preview when `truncated`. */
export const renderedValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("null") }),
  z.object({ kind: z.literal("json"), text: z.string(), truncated: z.boolean() }),
  z.object({ kind: z.literal("text"), text: z.string(), truncated: z.boolean() }),
  z.object({ kind: z.literal("binary"), base64: z.string(), truncated: z.boolean() }),
]);

export const browsedMessageSchema = z.object({
  partition: z.number().int(),
  offset: z.number(),
  timestamp: z.number(),
  key: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  value: renderedValueSchema,
  sizeBytes: z.number(),
  valueSizeBytes: z.number().nullable(),
  /** JSON Pointers of the value's fields masked for this reader ("" = the whole value withheld); absent when nothing was. */
  maskedFields: z.array(z.string()).optional(),
  /** True when the key was masked for this reader (the contract's key schema marks it sensitive). */
  maskedKey: z.boolean().optional(),
});
export type BrowsedMessageView = z.infer<typeof browsedMessageSchema>;

/** GET /api/clusters/{cluster}/topics/{topic}/messages: the query as understood, and what it read. */
export const messagesResponseSchema = z.object({
  query: z.record(z.string(), z.unknown()),
  messages: z.array(browsedMessageSchema),
  partitions: z.array(z.number().int()),
  /** True when the contract's sensitive fields are masked for this reader (no sensitive-data permission). */
  masked: z.boolean().optional(),
});
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;
