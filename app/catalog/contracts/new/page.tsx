import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ContractForm } from "@/components/catalog/contract-form";
import { createContractAction, updateContractAction } from "@/app/catalog/contracts/actions";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadContractFormOptions } from "@/lib/catalog/form-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "New topic contract" };

type Props = { searchParams: Promise<{ cluster?: string; topic?: string; owner?: string }> };

/** ?cluster=&topic= prefill the form, e.g. from the unowned-topics list. */
export default async function NewContractPage({ searchParams }: Props) {
  const defaults = await searchParams;
  const loaded = await loadCatalog(() => loadContractFormOptions(getDb()));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const clusters = getConfig().clusters.map((cluster) => cluster.name);
  return (
    <div>
      <h1>New topic contract</h1>
      <ContractForm actions={{ create: createContractAction, update: updateContractAction }} record={null} clusters={clusters} services={loaded.value.services} defaults={defaults} />
    </div>
  );
}
