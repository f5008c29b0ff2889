import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { CatalogUnavailable, SavedBanner, Tags } from "@/components/catalog/catalog-states";
import { getDb } from "@/lib/db";
import { pageCanWriteSomeTeam } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog/availability";
import { listServices } from "@/lib/catalog/queries";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Services" };

export default async function ServicesPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireSignedIn();
  const { deleted } = await searchParams;
  const loaded = await loadCatalog(() => listServices(getDb()));
  const canCreate = await pageCanWriteSomeTeam();
  return (
    <div>
      <div className="page-header">
        <h1>Services</h1>
        {canCreate && <Link href="/catalog/services/new">New service</Link>}
      </div>
      <SavedBanner show={Boolean(deleted)}>Service &quot;{deleted}&quot; was deleted.</SavedBanner>
      {!loaded.ok ? (
        <CatalogUnavailable reason={loaded.reason} />
      ) : loaded.value.length === 0 ? (
        <EmptyState>
          No services yet. <Link href="/catalog/services/new">Create a service</Link> (it needs a <Link href="/catalog/teams/new">team</Link>) or{" "}
          <Link href="/catalog/import">import a catalog file</Link>.
        </EmptyState>
      ) : (
        <table data-testid="services-table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Team</th>
              <th>Tier</th>
              <th>Lifecycle</th>
              <th>Consumer groups</th>
              <th className="num">Contracts</th>
              <th>Tags</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((service) => (
              <tr key={service.slug}>
                <td>
                  <Link href={`/catalog/services/${encodeURIComponent(service.slug)}`}>{service.name}</Link>{" "}
                  <span className="subtle mono">{service.slug}</span>
                </td>
                <td>
                  <Link href={`/catalog/teams/${encodeURIComponent(service.team)}`}>{service.teamName}</Link>
                </td>
                <td>{service.tier}</td>
                <td>{service.lifecycle}</td>
                <td className="mono">{service.consumerGroups.join(", ") || "—"}</td>
                <td className="num">{service.contractCount}</td>
                <td>
                  <Tags values={service.tags} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
