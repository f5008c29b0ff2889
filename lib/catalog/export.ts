// Exporting the catalog as the same YAML file that import reads, so export → import is a no-op.
// Deterministic (sorted, defaults omitted the same way every time). No "server-only": the CLI uses it.
import { Document } from "yaml";
import type { CatalogFile } from "@/lib/validation/catalog";
import { readExistingCatalog } from "@/lib/catalog/import-plan";
import { compareFlows, contractKeyOf, withoutBookkeeping, type CatalogDb } from "@/lib/catalog/records";

/** Drops what import would default anyway (null, "", []) so the file stays readable. */
function compact<T extends Record<string, unknown>>(entry: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(entry).filter(([, value]) => !(value === null || value === "" || (Array.isArray(value) && value.length === 0))),
  ) as Partial<T>;
}

export async function exportCatalog(db: CatalogDb): Promise<CatalogFile> {
  const existing = await readExistingCatalog(db);
  const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);
  const services = [...existing.services.values()].sort(bySlug);
  return {
    version: 1,
    teams: [...existing.teams.values()].sort(bySlug).map(withoutBookkeeping),
    services: services.map((service) => {
      const { flows: _flows, ...rest } = withoutBookkeeping(service);
      return rest;
    }),
    contracts: [...existing.contracts.values()]
      .sort((a, b) => contractKeyOf(a).localeCompare(contractKeyOf(b)))
      .map(withoutBookkeeping),
    flows: services.flatMap((service) =>
      [...service.flows].sort(compareFlows).map((flow) => ({ service: service.slug, ...flow })),
    ),
  };
}

/** The catalog as YAML text, in the import format. */
export async function exportCatalogYaml(db: CatalogDb): Promise<string> {
  const file = await exportCatalog(db);
  const document = new Document({
    version: file.version,
    teams: file.teams.map(compact),
    services: file.services.map(compact),
    contracts: file.contracts.map(compact),
    flows: file.flows.map(compact),
    // Import refuses aliases: never write one, even if two values happen to be the same object.
  }, { aliasDuplicateObjects: false });
  document.commentBefore =
    " Tributary service catalog: teams, services, topic contracts and declared flows.\n" +
    " Import with `npm run catalog:import FILE` (add --dry-run to preview) or at /catalog/import.";
  return document.toString({ lineWidth: 0 });
}
