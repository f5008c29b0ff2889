import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ServiceForm } from "@/components/catalog/service-form";
import { createServiceAction, updateServiceAction } from "@/app/catalog/services/actions";
import { getDb } from "@/lib/db";
import { NotAllowed } from "@/components/auth/not-allowed";
import { pageCanWriteSomeTeam } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadServiceFormOptions } from "@/lib/catalog/form-options";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "New service" };

export default async function NewServicePage({ searchParams }: { searchParams: Promise<{ team?: string }> }) {
  await requireSignedIn();
  const { team } = await searchParams;
  if (!(await pageCanWriteSomeTeam())) return <NotAllowed>Only editors of a team and admins may create services.</NotAllowed>;
  const loaded = await loadCatalog(() => loadServiceFormOptions(getDb()));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  return (
    <div>
      <h1>New service</h1>
      <ServiceForm actions={{ create: createServiceAction, update: updateServiceAction }} record={null} teams={loaded.value.teams} contracts={loaded.value.contracts} defaultTeam={team} />
    </div>
  );
}
