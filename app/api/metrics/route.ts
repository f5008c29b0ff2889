import { listClusterStates } from "@/lib/collector";
import { renderPrometheusMetrics } from "@/lib/collector/prometheus";

export const dynamic = "force-dynamic";

/** Prometheus text format, so existing Grafana dashboards and alerts can use Tributary's numbers. */
export async function GET() {
  return new Response(renderPrometheusMetrics(listClusterStates()), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
