import { z } from "zod";

// Shared by route handlers (server) and the pages' query builders (client).

/** Kafka's own rule for topic names; group ids are free text but bounded. */
export const topicNameSchema = z
  .string()
  .min(1)
  .max(249)
  .regex(/^[a-zA-Z0-9._-]+$/, "letters, digits, '.', '_' and '-' only")
  .refine((name) => name !== "." && name !== "..", "'.' and '..' are not topic names");
export const groupIdSchema = z.string().min(1).max(512);
export const clusterNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "unknown cluster name");

/** A query value that must be written as digits: `[3]`, `1e2`, `0x10` or ` 3` are refused, not coerced. */
export const wholeNumberParam = z
  .string()
  .regex(/^\d{1,16}$/, "must be a whole number")
  .transform(Number)
  .refine(Number.isSafeInteger, "is too large");

/**
 * A query value written as digits, from `min` to `max`. Whatever is wrong with it (`-5`, `0`, `1e2`,
 * `501`), the answer says the range, where a bare "must be a whole number" left `-5` unexplained.
 */
function boundedWholeNumberParam(min: number, max?: number) {
  const message = max === undefined ? `must be a whole number, ${min} or more` : `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,16}$/, message)
    .transform(Number)
    .refine((value) => Number.isSafeInteger(value) && value >= min && (max === undefined || value <= max), message);
}
const page = boundedWholeNumberParam(1).default(1);
const pageSize = boundedWholeNumberParam(1, 500).default(50);
const booleanFlag = z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true");

export const topicListQuerySchema = z.object({
  search: z.string().max(249).default(""),
  sort: z.enum(["name", "partitions", "replicationFactor", "messagesPerSec", "retentionMs", "maxGroupLag"]).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  internal: booleanFlag.default(false),
  page,
  pageSize,
});
export type TopicListQuery = z.infer<typeof topicListQuerySchema>;

export const groupStatusSchema = z.enum(["OK", "WARNING", "STALLED", "STOPPED", "REWOUND", "INCOMPLETE"]);

export const groupListQuerySchema = z.object({
  search: z.string().max(512).default(""),
  status: groupStatusSchema.optional(),
  sort: z.enum(["groupId", "state", "members", "lag", "timeLagSeconds", "status", "consumedPerSec"]).default("status"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page,
  pageSize,
});
export type GroupListQuery = z.infer<typeof groupListQuerySchema>;

export const historyQuerySchema = z.object({
  range: z.enum(["15m", "1h", "6h", "24h", "7d"]).default("1h"),
  topic: z.string().max(249).default(""),
});

export const messageQuerySchema = z
  .object({
    partition: z.union([z.literal("all"), boundedWholeNumberParam(0, 2_147_483_647)]).default("all"),
    from: z.enum(["latest", "offset", "timestamp"]).default("latest"),
    offset: wholeNumberParam.optional(),
    timestamp: wholeNumberParam.optional(),
    limit: boundedWholeNumberParam(1, 200).default(20),
  })
  .refine((query) => query.from !== "offset" || query.offset !== undefined, {
    message: "give an offset to read from",
    path: ["offset"],
  })
  .refine((query) => query.from !== "timestamp" || query.timestamp !== undefined, {
    message: "give a timestamp to read from",
    path: ["timestamp"],
  });
export type MessageQuery = z.infer<typeof messageQuerySchema>;

/** URLSearchParams -> plain object for zod, dropping empty values so defaults apply. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of params) if (value !== "") result[name] = value;
  return result;
}
