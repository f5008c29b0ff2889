import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getAlertDetail } from "@/lib/alerts/queries";
import { alertDetailResponseSchema, alertIdParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

/** One alert with its notifications and every delivery attempt. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: alertIdParamsSchema, response: alertDetailResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const detail = await getAlertDetail(getDb(), params.id);
    if (!detail) throw notFound("alert");
    return detail;
  }),
});
