// `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL, or to the embedded
// PGlite database (PGLITE_DIR, default .data/pglite) when DATABASE_URL is not set.
import { applyMigrations, MigrationHistoryError } from "./lib/migrate";

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const pgliteDir = process.env.PGLITE_DIR || ".data/pglite";
  const target = databaseUrl ? `PostgreSQL at ${describeUrl(databaseUrl)}` : `PGlite in ${pgliteDir}`;
  console.log(`Migrating ${target}`);

  const applied = await applyMigrations({
    databaseUrl,
    pgliteDir: databaseUrl ? undefined : pgliteDir,
    log: (message) => console.log(`  ${message}`),
  });
  if (applied.length === 0) console.log("The database is up to date.");
  else console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
}

/** host:port/database only: the URL may carry a password. */
function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

main().catch((error: unknown) => {
  if (error instanceof MigrationHistoryError) console.error(`\n${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
