import "server-only";
import type { CatalogDb } from "@/lib/catalog/records";

/** Choices for the service form: teams to own it, contracts its flows can name. */
export async function loadServiceFormOptions(db: CatalogDb) {
  const teams = await db.team.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } });
  const contracts = await db.topicContract.findMany({ select: { cluster: true, topic: true }, orderBy: [{ cluster: "asc" }, { topic: "asc" }] });
  return { teams, contracts };
}

/** Choices for the contract form: services that can own it. */
export async function loadContractFormOptions(db: CatalogDb) {
  return { services: await db.service.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } }) };
}
