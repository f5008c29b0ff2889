import { notFound } from "next/navigation";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { TeamForm } from "@/components/catalog/team-form";
import { createTeamAction, updateTeamAction } from "@/app/catalog/teams/actions";
import { getDb } from "@/lib/db";
import { loadCatalog } from "@/lib/catalog/availability";
import { getTeam } from "@/lib/catalog/teams";

export const dynamic = "force-dynamic";

export default async function EditTeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeURIComponent((await params).slug);
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
