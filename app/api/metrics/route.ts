import { listClusterStates } from "@/lib/collector";
import { renderPrometheusMetrics } from "@/lib/collector/prometheus";
import { apiRoute, routeMethods } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Prometheus text format, so existing Grafana dashboards and alerts can use Tributary's numbers. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({}, async () =>
    new Response(renderPrometheusMetrics(listClusterStates()), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    }),
  ),
});
