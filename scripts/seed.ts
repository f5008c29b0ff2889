// `npm run db:seed`: loads the demo catalog (prisma/demo-catalog.yaml) through the catalog
// import, exactly as a user's `npm run catalog:import` would. Idempotent.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createPrismaClient } from "@/lib/db-client";
import { importCatalogFile } from "@/lib/catalog/import";
import { repoRoot } from "./lib/kafka-dist";

export const DEMO_CATALOG_PATH = path.join(repoRoot, "prisma", "demo-catalog.yaml");

export async function seedDemoCatalog(target: { databaseUrl?: string; pgliteDir?: string }): Promise<string> {
  const { client, close } = createPrismaClient({ databaseUrl: target.databaseUrl, pgliteDir: target.pgliteDir ?? ".data/pglite" });
  try {
    const result = await importCatalogFile(client, DEMO_CATALOG_PATH, { actor: "demo-seed", source: "prisma/demo-catalog.yaml" });
    if (!result.ok) {
      const lines = result.errors.map((error) => `  ${error.path}: ${error.message}`);
      throw new Error(`The demo catalog is invalid:\n${lines.join("\n")}`);
    }
    const changed = result.plan.changes.filter((change) => change.action !== "unchanged").length;
    return changed === 0 ? "demo catalog already loaded" : `demo catalog loaded (${changed} changes)`;
  } finally {
    await close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const message = await seedDemoCatalog({ databaseUrl: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR });
  console.log(message);
}
