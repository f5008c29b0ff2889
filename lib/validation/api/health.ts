import { z } from "zod";

/** GET /api/health: 200 when every dependency answers, 503 (same body) otherwise. */
export const healthResponseSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  /** This process's role: all (web + collector), web, or collector. */
  role: z.enum(["all", "web", "collector"]),
  /** This process has read what the collectors published and reaches the database. */
  ready: z.boolean(),
  kafka: z.array(
    z.discriminatedUnion("ok", [
      z.object({ cluster: z.string(), ok: z.literal(true), clusterId: z.string(), brokers: z.number().int(), controller: z.number().int().nullable() }),
      z.object({ cluster: z.string(), ok: z.literal(false), reason: z.string() }),
    ]),
  ),
  database: z.object({ ok: z.boolean(), backend: z.string(), reason: z.string().optional() }),
  /** Per cluster: the collector holding its lease, or since when none does. */
  collectors: z.array(
    z.object({
      cluster: z.string(),
      leader: z.string().nullable(),
      epoch: z.number().int().nullable(),
      down: z.boolean(),
      downSince: z.number().nullable(),
      lastSampleAt: z.number().nullable(),
    }),
  ),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
