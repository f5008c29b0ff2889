import { notFound } from "next/navigation";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ServiceForm } from "@/components/catalog/service-form";
import { createServiceAction, updateServiceAction } from "@/app/catalog/services/actions";
import { getDb } from "@/lib/db";
import { NotAllowed } from "@/components/auth/not-allowed";
import { pageCan } from "@/lib/auth/page";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadServiceFormOptions } from "@/lib/catalog/form-options";
import { getServiceDetail } from "@/lib/catalog/queries";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function EditServicePage({ params }: { params: Promise<{ slug: string }> }) {
  await requireSignedIn();
  const slug = decodeURIComponent((await params).slug);
  const db = getDb();
  const loaded = await loadCatalog(async () => ({ detail: await getServiceDetail(db, slug), options: await loadServiceFormOptions(db) }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { detail, options } = loaded.value;
  if (!detail) notFound();
  if (!(await pageCan({ kind: "service.write", team: detail.team }))) {
    return <NotAllowed>Only editors of team &quot;{detail.team}&quot; and admins may edit this service.</NotAllowed>;
  }
  const { teamInfo: _team, ownedContracts: _owned, topics: _topics, ...record } = detail;
  return (
    <div>
      <h1>Edit service {record.name}</h1>
      <ServiceForm actions={{ create: createServiceAction, update: updateServiceAction }} record={record} teams={options.teams} contracts={options.contracts} />
    </div>
  );
}
