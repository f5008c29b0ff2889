// `npm run catalog:export [FILE]`: writes the whole catalog as YAML in the import format (to FILE,
// or to standard output). Importing the result into the same database changes nothing.
import { writeFileSync } from "node:fs";
import { exportCatalogYaml } from "@/lib/catalog/export";
import { openCliDatabase, parseArgs } from "./lib/catalog-cli";

async function main(): Promise<number> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  if (options.has("help")) {
    console.error("Usage: npm run catalog:export -- [FILE]");
    return 2;
  }
  const { db, close, description } = openCliDatabase();
  try {
    const yaml = await exportCatalogYaml(db);
    const file = positional[0];
    if (file) {
      writeFileSync(file, yaml);
      console.error(`Exported the catalog from ${description} to ${file}`);
    } else {
      // Wait for the pipe to drain: the script exits explicitly right after.
      await new Promise<void>((resolve) => process.stdout.write(yaml, () => resolve()));
    }
    return 0;
  } finally {
    await close();
  }
}

// Exit explicitly so that nothing left open (PGlite's WASM runtime, pools) keeps the CLI alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
