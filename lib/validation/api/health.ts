import { z } from "zod";

/** GET /api/health: 200 when every dependency answers, 503 (same body) otherwise. */
export const healthResponseSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  kafka: z.array(
    z.discriminatedUnion("ok", [
      z.object({ cluster: z.string(), ok: z.literal(true), clusterId: z.string(), brokers: z.number().int(), controller: z.number().int().nullable() }),
      z.object({ cluster: z.string(), ok: z.literal(false), reason: z.string() }),
    ]),
  ),
  database: z.object({ ok: z.boolean(), backend: z.string(), reason: z.string().optional() }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
