import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { CatalogUnavailable, SavedBanner } from "@/components/catalog/catalog-states";
import { getDb } from "@/lib/db";
import { pageCanWriteSomeTeam } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog/availability";
import { listContracts } from "@/lib/catalog/queries";
import { formatDuration, formatRetention } from "@/lib/format";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Topic contracts" };

export default async function ContractsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireSignedIn();
  const { deleted } = await searchParams;
  const loaded = await loadCatalog(() => listContracts(getDb()));
  const canCreate = await pageCanWriteSomeTeam();
  return (
    <div>
      <div className="page-header">
        <h1>Topic contracts</h1>
        {canCreate && <Link href="/catalog/contracts/new">New contract</Link>}
      </div>
      <SavedBanner show={Boolean(deleted)}>Contract {deleted} was deleted.</SavedBanner>
      {!loaded.ok ? (
        <CatalogUnavailable reason={loaded.reason} />
      ) : loaded.value.length === 0 ? (
        <EmptyState>
          No topic contracts yet. <Link href="/catalog/contracts/new">Describe a topic</Link>, or start from the{" "}
          <Link href="/catalog/unowned-topics">topics nobody owns</Link>.
        </EmptyState>
      ) : (
        <table data-testid="contracts-table">
          <thead>
            <tr>
              <th>Topic</th>
              <th>Cluster</th>
              <th>Owner</th>
              <th>Producers</th>
              <th>Consumers</th>
              <th>Compatibility</th>
              <th>Classification</th>
              <th>Retention</th>
              <th>Lag objective</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((contract) => (
              <tr key={`${contract.cluster}/${contract.topic}`}>
                <td>
                  <Link href={`/catalog/contracts/${encodeURIComponent(contract.cluster)}/${encodeURIComponent(contract.topic)}`} className="mono">
                    {contract.topic}
                  </Link>
                </td>
                <td>{contract.cluster}</td>
                <td>
                  <Link href={`/catalog/services/${encodeURIComponent(contract.owner)}`}>{contract.owner}</Link>{" "}
                  <span className="subtle">({contract.ownerTeam})</span>
                </td>
                <td>{contract.producers.join(", ") || "—"}</td>
                <td>{contract.consumers.join(", ") || "—"}</td>
                <td>{contract.compatibility}</td>
                <td>{contract.classification}</td>
                <td>{formatRetention(contract.retentionMs)}</td>
                <td>{contract.lagObjectiveSec === null ? "—" : formatDuration(contract.lagObjectiveSec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
