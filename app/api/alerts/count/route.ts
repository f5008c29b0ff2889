import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { countLiveAlerts } from "@/lib/alerts/queries";
import { alertCountsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

/** The navigation's badge: firing (not silenced), pending and silenced alerts. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: alertCountsSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    return countLiveAlerts(getDb());
  }),
});
