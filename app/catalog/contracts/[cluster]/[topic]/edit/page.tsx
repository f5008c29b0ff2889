import { notFound } from "next/navigation";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ContractForm } from "@/components/catalog/contract-form";
import { createContractAction, updateContractAction } from "@/app/catalog/contracts/actions";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadContractFormOptions } from "@/lib/catalog/form-options";
import { getContractDetail } from "@/lib/catalog/queries";

export const dynamic = "force-dynamic";

export default async function EditContractPage({ params }: { params: Promise<{ cluster: string; topic: string }> }) {
  const raw = await params;
  const cluster = decodeURIComponent(raw.cluster);
  const topic = decodeURIComponent(raw.topic);
  const db = getDb();
  const loaded = await loadCatalog(async () => ({ detail: await getContractDetail(db, cluster, topic), options: await loadContractFormOptions(db) }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { detail, options } = loaded.value;
  if (!detail) notFound();
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
