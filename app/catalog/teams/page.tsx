import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { CatalogUnavailable, SavedBanner } from "@/components/catalog/catalog-states";
import { getDb } from "@/lib/db";
import { pageCan } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog/availability";
import { listTeams } from "@/lib/catalog/teams";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Teams" };

export default async function TeamsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireSignedIn();
  const { deleted } = await searchParams;
  const loaded = await loadCatalog(() => listTeams(getDb()));
  const canCreate = await pageCan({ kind: "team.write" });
  return (
    <div>
      <div className="page-header">
        <h1>Teams</h1>
        {canCreate && <Link href="/catalog/teams/new">New team</Link>}
      </div>
      <SavedBanner show={Boolean(deleted)}>Team &quot;{deleted}&quot; was deleted.</SavedBanner>
      {!loaded.ok ? (
        <CatalogUnavailable reason={loaded.reason} />
      ) : loaded.value.length === 0 ? (
        <EmptyState>
          No teams yet. <Link href="/catalog/teams/new">Create the first team</Link> or <Link href="/catalog/import">import a catalog file</Link>.
        </EmptyState>
      ) : (
        <table data-testid="teams-table">
          <thead>
            <tr>
              <th>Team</th>
              <th>Slug</th>
              <th className="num">Services</th>
              <th>Email</th>
              <th>Chat</th>
            </tr>
          </thead>
          <tbody>
            {loaded.value.map((team) => (
              <tr key={team.slug}>
                <td>
                  <Link href={`/catalog/teams/${encodeURIComponent(team.slug)}`}>{team.name}</Link>
                </td>
                <td className="mono">{team.slug}</td>
                <td className="num">{team.serviceCount}</td>
                <td>{team.email ?? "—"}</td>
                <td>{team.chatChannel ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
