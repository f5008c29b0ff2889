import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { listAlerts } from "@/lib/alerts/queries";
import { alertListQuerySchema, alertListResponseSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

/** ?view=firing|pending|silenced|resolved&team=&cluster=&severity=&group=&topic=&limit= */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ query: alertListQuerySchema, response: alertListResponseSchema }, async ({ query, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    return listAlerts(getDb(), query);
  }),
});
