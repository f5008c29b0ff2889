import { AlertsView } from "@/components/alerts/alerts-view";
import { SilencesPanel } from "@/components/alerts/silences-panel";
import { getPagePrincipal, requirePagePrincipal } from "@/lib/auth/page";
import { getConfig } from "@/lib/env";
import { getDb } from "@/lib/db";
import { loadCatalog } from "@/lib/catalog/availability";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function AlertsPage({ searchParams }: Props) {
  await requirePagePrincipal("/alerts");
  const params = await searchParams;
  const filter = { view: first(params.view), team: first(params.team), cluster: first(params.cluster), severity: first(params.severity), group: first(params.group), topic: first(params.topic) };
  const teams = await loadCatalog(async () => (await getDb().team.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((team) => team.slug));
  if (!teams.ok) return <CatalogUnavailable reason={teams.reason} />;
  const principal = await getPagePrincipal();
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Alerts</h1>
          <span className="subtle">Built-in rules from the catalog and each team&apos;s own, evaluated on every sample.</span>
        </div>
        <div className="toolbar">
          <a href="/api/alerts/prometheus-rules">Prometheus rules (YAML)</a>
        </div>
      </div>
      <AlertsView filter={filter} teams={teams.value} clusters={getConfig().clusters.map((cluster) => cluster.name)} principal={principal} />
      <SilencesPanel principal={principal} />
    </div>
  );
}
