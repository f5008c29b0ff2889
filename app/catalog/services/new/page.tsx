import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ServiceForm } from "@/components/catalog/service-form";
import { createServiceAction, updateServiceAction } from "@/app/catalog/services/actions";
import { getDb } from "@/lib/db";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadServiceFormOptions } from "@/lib/catalog/form-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "New service" };

export default async function NewServicePage({ searchParams }: { searchParams: Promise<{ team?: string }> }) {
  const { team } = await searchParams;
  const loaded = await loadCatalog(() => loadServiceFormOptions(getDb()));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  return (
    <div>
      <h1>New service</h1>
      <ServiceForm actions={{ create: createServiceAction, update: updateServiceAction }} record={null} teams={loaded.value.teams} contracts={loaded.value.contracts} defaultTeam={team} />
    </div>
  );
}
