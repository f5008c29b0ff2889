import { z } from "zod";

/** How old the live data of a response is, so the UI can say so (stale = Kafka unreachable, or no collector running). */
export const freshnessSchema = z.object({
  cluster: z.string(),
  /** When the snapshot was taken, ms since epoch. */
  sampledAt: z.number(),
  ageSeconds: z.number(),
  stale: z.boolean(),
  lastError: z.string().nullable(),
  /** No collector holds the cluster's lease (none running, or none reaching the database): lastError says since when. */
  collectorDown: z.boolean(),
});
export type Freshness = z.infer<typeof freshnessSchema>;

export const groupStatusSchema = z.enum(["OK", "WARNING", "STALLED", "STOPPED", "REWOUND", "INCOMPLETE"]);

/** One page of a sorted, filtered list. */
export function pageSchema<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** History charts: points at one resolution (seconds per point). */
export const historyRangeSchema = z.enum(["15m", "1h", "6h", "24h", "7d"]);
