import { listClusterStates } from "@/lib/collector";
import { renderPrometheusMetrics } from "@/lib/collector/prometheus";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { getAuthConfig } from "@/lib/auth/config";
import { resolvePrincipal } from "@/lib/auth/principal";
import { requirePermission } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

/**
 * Prometheus text format, so existing Grafana dashboards and alerts can use Tributary's numbers.
 * Needs a principal with metrics.read: in practice an API token sent as `Authorization: Bearer`
 * (Prometheus's `authorization` scrape setting); METRICS_PUBLIC=1 opens it (a private network).
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  // "public" for the seam, because METRICS_PUBLIC is read per request (never while Next builds).
  GET: apiRoute({ auth: "public" }, async ({ request }) => {
    if (!getAuthConfig().metricsPublic) requirePermission(await resolvePrincipal(request.headers), { kind: "metrics.read" });
    return new Response(renderPrometheusMetrics(listClusterStates()), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    });
  }),
});
