import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { ContractForm } from "@/components/catalog/contract-form";
import { createContractAction, updateContractAction } from "@/app/catalog/contracts/actions";
import { getDb } from "@/lib/db";
import { NotAllowed } from "@/components/auth/not-allowed";
import { pageCanWriteSomeTeam } from "@/lib/auth/page";
import { getConfig } from "@/lib/env";
import { loadCatalog } from "@/lib/catalog/availability";
import { loadContractFormOptions } from "@/lib/catalog/form-options";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "New topic contract" };

type Props = { searchParams: Promise<{ cluster?: string; topic?: string; owner?: string }> };

/** ?cluster=&topic= prefill the form, e.g. from the unowned-topics list. */
export default async function NewContractPage({ searchParams }: Props) {
  await requireSignedIn();
  const defaults = await searchParams;
  if (!(await pageCanWriteSomeTeam())) return <NotAllowed>Only editors of a team and admins may create topic contracts.</NotAllowed>;
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
