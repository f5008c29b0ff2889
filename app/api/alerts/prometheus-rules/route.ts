import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { loadAlertCatalog, loadTeamRules } from "@/lib/alerts/load-rules";
import { renderPrometheusRules } from "@/lib/alerts/prometheus-rules";

export const dynamic = "force-dynamic";

/** Prometheus alerting rules equivalent to the built-ins, over /api/metrics's series (YAML, for rule_files). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({}, async ({ principal }) => {
    requirePermission(principal, { kind: "metrics.read" });
    const db = getDb();
    const [catalog, rules] = await Promise.all([loadAlertCatalog(db), loadTeamRules(db)]);
    const yaml = renderPrometheusRules(catalog, rules.overrides, getConfig().clusters.map((cluster) => cluster.name));
    return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "cache-control": "no-store" } });
  }),
});
