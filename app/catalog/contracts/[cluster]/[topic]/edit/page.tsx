import { notFound } from "next/navigation";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ContractForm } from "@/components/catalog/contract-form";
import { createContractAction, updateContractAction } from "@/app/catalog/contracts/actions";
import { getDb } from "@/lib/db";
import { NotAllowed } from "@/components/auth/not-allowed";
import { pageCan } from "@/lib/auth/page";
import { getConfig } from "@/lib/env";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadContractFormOptions } from "@/lib/catalog/form-options";
import { getContractDetail } from "@/lib/catalog/queries";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function EditContractPage({ params }: { params: Promise<{ cluster: string; topic: string }> }) {
  await requireSignedIn();
  const raw = await params;
  const cluster = decodeURIComponent(raw.cluster);
  const topic = decodeURIComponent(raw.topic);
  const db = getDb();
  const loaded = await loadCatalog(async () => ({ detail: await getContractDetail(db, cluster, topic), options: await loadContractFormOptions(db) }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { detail, options } = loaded.value;
  if (!detail) notFound();
  if (!(await pageCan({ kind: "contract.write", team: detail.ownerInfo.team.slug }))) {
    return <NotAllowed>Only editors of team &quot;{detail.ownerInfo.team.slug}&quot; and admins may edit this contract.</NotAllowed>;
  }
  const { ownerInfo: _owner, producers: _producers, consumers: _consumers, schemaVersions: _versions, ...record } = detail;
  return (
    <div>
      <h1>
        Edit contract <span className="mono">{record.topic}</span>
      </h1>
      <ContractForm actions={{ create: createContractAction, update: updateContractAction }} record={record} clusters={getConfig().clusters.map((entry) => entry.name)} services={options.services} />
    </div>
  );
}
