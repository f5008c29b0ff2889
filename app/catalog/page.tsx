import Link from "next/link";
import { Stat } from "@/components/ui/stat";
import { AutoRefresh } from "@/components/catalog/auto-refresh";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { LiveFreshness } from "@/components/catalog/live-freshness";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { readLiveStates } from "@/lib/catalog/live";
import { loadCatalog } from "@/lib/catalog/availability";
import { findUndocumentedGroups, findUnownedTopics } from "@/lib/catalog/live-lists";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Catalog" };

function countLive<T>(sections: { items: T[] | null }[]): number | null {
  if (sections.every((section) => section.items === null)) return null;
  return sections.reduce((sum, section) => sum + (section.items?.length ?? 0), 0);
}

export default async function CatalogPage() {
  await requireSignedIn();
  const db = getDb();
  // One read of the collector's state for both the counts and the stale marker, so they agree.
  const states = readLiveStates();
  const loaded = await loadCatalog(async () => ({
    teams: await db.team.count(),
    services: await db.service.count(),
    contracts: await db.topicContract.count(),
    unowned: countLive(await findUnownedTopics(db, states)),
    undocumented: countLive(await findUndocumentedGroups(db, states)),
  }));

  return (
    <div>
      <AutoRefresh intervalMs={getConfig().collectorIntervalMs} />
      <div className="page-header">
        <div>
          <h1>Service catalog</h1>
          <p className="subtle">Who owns which service, what each topic carries, and how that compares with what Kafka shows.</p>
        </div>
        <div className="toolbar">
          <Link href="/catalog/import">Import</Link>
          <a href="/api/catalog/export" download>
            Export YAML
          </a>
        </div>
      </div>
      <LiveFreshness
        clusters={states.map((state) => ({
          cluster: state.cluster,
          stale: state.stale,
          ageSeconds: state.ageSeconds,
          lastError: state.lastError,
          hasSnapshot: state.snapshot !== null,
          collectorDown: state.collector.down,
        }))}
      />
      {!loaded.ok ? (
        <CatalogUnavailable reason={loaded.reason} />
      ) : (
        <div className="grid">
          <Stat label="Teams" value={<Link href="/catalog/teams">{loaded.value.teams}</Link>} testId="catalog-team-count" />
          <Stat label="Services" value={<Link href="/catalog/services">{loaded.value.services}</Link>} testId="catalog-service-count" />
          <Stat label="Topic contracts" value={<Link href="/catalog/contracts">{loaded.value.contracts}</Link>} testId="catalog-contract-count" />
          <Stat
            label="Unowned topics"
            value={<Link href="/catalog/unowned-topics">{loaded.value.unowned ?? "—"}</Link>}
            testId="catalog-unowned-count"
          />
          <Stat
            label="Undocumented consumer groups"
            value={<Link href="/catalog/undocumented-groups">{loaded.value.undocumented ?? "—"}</Link>}
            testId="catalog-undocumented-count"
          />
        </div>
      )}
    </div>
  );
}
