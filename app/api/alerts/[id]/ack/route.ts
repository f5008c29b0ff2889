import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { acknowledgeAlert } from "@/lib/alerts/silence-store";
import { alertIdParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

const ackResponseSchema = z.object({ acknowledgedAt: z.string(), acknowledgedBy: z.string() });
/** The body is an empty JSON object, like every other write's body a JSON object (no fields yet). */
const ackBodySchema = z.strictObject({});

/** Acknowledges a live alert: whoever may silence the team's alerts may acknowledge them. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute({ params: alertIdParamsSchema, body: ackBodySchema, response: ackResponseSchema }, async ({ params, principal }) => {
    const db = getDb();
    const alert = await db.alert.findUnique({ where: { id: params.id }, select: { team: true } });
    if (!alert) throw notFound("alert");
    const actor = requirePermission(principal, { kind: "alerts.silence", team: alert.team });
    return requireWritten(await acknowledgeAlert(db, params.id, actor));
  }),
});
