import { CreateTokenForm } from "@/components/settings/create-token-form";
import { NotAllowed } from "@/components/auth/not-allowed";
import { TokensTable } from "@/components/settings/tokens-table";
import { requirePagePrincipal } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { loadCatalog } from "@/lib/catalog/availability";
import { listTeams } from "@/lib/catalog/teams";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "API tokens" };

/** API tokens for automation: created with a role (and a team for editors) and an expiry, revocable. */
export default async function TokensPage() {
  const principal = await requirePagePrincipal("/settings/tokens");
  if (!can(principal, { kind: "tokens.manage" })) return <NotAllowed>Managing API tokens is for admins. Ask an admin if you need access.</NotAllowed>;
  const teams = await loadCatalog(() => listTeams(getDb()));
  return (
    <div>
      <div className="page-header">
        <h1>API tokens</h1>
      </div>
      <p className="subtle">
        For automation: a CI job importing the catalog (<code>POST /api/catalog/import</code>), Prometheus scraping <code>/api/metrics</code>. Send the
        token as <code>Authorization: Bearer &lt;token&gt;</code>. Only its SHA-256 hash is stored.
      </p>
      <CreateTokenForm teams={teams.ok ? teams.value.map((team) => team.slug) : []} />
      <h2>Tokens</h2>
      <TokensTable />
    </div>
  );
}
