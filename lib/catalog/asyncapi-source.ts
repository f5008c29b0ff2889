// Gathers what buildAsyncApiDocument needs for one service from the catalog database.
import { contractInclude, serviceInclude, toContractRecord, toServiceRecord, type CatalogDb } from "@/lib/catalog/records";
import type { AsyncApiInput } from "@/lib/catalog/asyncapi";
import { isLookupKey } from "@/lib/catalog/keys";

/** The service, its team and every contract it owns or declares a flow on; null when there is no such service. */
export async function loadAsyncApiInput(db: CatalogDb, slug: string): Promise<Omit<AsyncApiInput, "states" | "servers"> | null> {
  if (!isLookupKey(slug)) return null;
  const row = await db.service.findUnique({
    where: { slug },
    include: { ...serviceInclude, team: { select: { slug: true, name: true, email: true } } },
  });
  if (!row) return null;
  const contracts = await db.topicContract.findMany({
    where: { OR: [{ ownerServiceId: row.id }, { flows: { some: { serviceId: row.id } } }] },
    include: contractInclude,
  });
  return {
    service: toServiceRecord(row),
    team: { name: row.team.name, email: row.team.email },
    contracts: contracts.map(toContractRecord),
  };
}
