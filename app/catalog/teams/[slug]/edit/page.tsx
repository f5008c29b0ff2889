import { notFound } from "next/navigation";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { TeamForm } from "@/components/catalog/team-form";
import { createTeamAction, updateTeamAction } from "@/app/catalog/teams/actions";
import { getDb } from "@/lib/db";
import { NotAllowed } from "@/components/auth/not-allowed";
import { pageCan } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog/availability";
import { getTeam } from "@/lib/catalog/teams";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function EditTeamPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireSignedIn();
  const slug = decodeURIComponent((await params).slug);
  if (!(await pageCan({ kind: "team.write" }))) return <NotAllowed>Only admins may edit teams.</NotAllowed>;
  const loaded = await loadCatalog(() => getTeam(getDb(), slug));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  if (!loaded.value) notFound();
  const { services: _services, ...record } = loaded.value;
  return (
    <div>
      <h1>Edit team {record.name}</h1>
      <TeamForm record={record} actions={{ create: createTeamAction, update: updateTeamAction }} />
    </div>
  );
}
