// `npm run catalog:import FILE [--dry-run] [--actor NAME]`: validates the whole YAML catalog file,
// prints the diff, and (without --dry-run) applies it in one transaction. Entries absent from the
// file are kept; the flows of every service in the file become exactly the file's.
import { importCatalogFile } from "@/lib/catalog/import";
import type { ImportPlan } from "@/lib/catalog/import-plan";
import { cliActor, openCliDatabase, parseArgs } from "./lib/catalog-cli";

const USAGE = "Usage: npm run catalog:import -- FILE [--dry-run] [--actor NAME]";

function printPlan(plan: ImportPlan): void {
  for (const change of plan.changes) {
    if (change.action === "unchanged") continue;
    console.log(`  ${change.action.padEnd(7)} ${change.entityType.padEnd(8)} ${change.key}`);
    for (const field of change.changes) {
      console.log(`            ${field.field}: ${JSON.stringify(field.before)} → ${JSON.stringify(field.after)}`);
    }
  }
  const { create, update, delete: deleted, unchanged } = plan.counts;
  console.log(`  ${create} to create, ${update} to update, ${deleted} to delete, ${unchanged} unchanged`);
  for (const warning of plan.warnings) console.log(`  warning: ${warning}`);
  const kept = [...plan.notInFile.teams.map((slug) => `team ${slug}`), ...plan.notInFile.services.map((slug) => `service ${slug}`), ...plan.notInFile.contracts.map((key) => `contract ${key}`)];
  if (kept.length > 0) console.log(`  not in the file, kept as they are: ${kept.join(", ")}`);
}

async function main(): Promise<number> {
  const { positional, options } = parseArgs(process.argv.slice(2));
  const file = positional[0];
  if (!file || options.has("help")) {
    console.error(USAGE);
    return 2;
  }
  const dryRun = options.has("dry-run");
  const actorOption = options.get("actor");
  const { db, close, description } = openCliDatabase();
  try {
    console.log(`${dryRun ? "Checking" : "Importing"} ${file} into ${description}`);
    const result = await importCatalogFile(db, file, { actor: cliActor(typeof actorOption === "string" ? actorOption : undefined), dryRun });
    if (!result.ok) {
      console.error(`${file} has ${result.errors.length} problem(s); nothing was changed:`);
      for (const error of result.errors) console.error(`  ${error.path}: ${error.message}`);
      return 1;
    }
    printPlan(result.plan);
    if (dryRun) console.log("Dry run: nothing was changed.");
    else console.log(result.applied ? "Applied in one transaction." : "Nothing to change: the catalog already matches the file.");
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
