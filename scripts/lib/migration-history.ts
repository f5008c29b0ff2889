// Pure rules of Prisma Migrate's history, reproduced so that scripts/lib/migrate.ts can apply
// prisma/migrations without the schema-engine binary and leave _prisma_migrations exactly as
// `prisma migrate deploy` would. Sources: prisma-engines `schema-connector/src/checksum.rs`,
// `schema-core/src/commands/apply_migrations.rs`, and the CLI's migrations-directory reader.
import { createHash } from "node:crypto";

/** One migration folder: `prisma/migrations/<name>/migration.sql`, read as UTF-8. */
export type LocalMigration = { name: string; script: string };

/** One row of `_prisma_migrations`, reduced to what the history rules look at. */
export type AppliedMigrationRow = {
  migrationName: string;
  checksum: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  logs: string | null;
};

export type MigrationPlan = {
  /** Local migrations not yet applied, in application order. */
  pending: LocalMigration[];
  /** Applied migrations that no longer exist locally: Prisma ignores them when deploying. */
  missingLocally: string[];
};

/** Thrown when the history forbids applying anything; the message says how to get unstuck. */
export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
}

/**
 * The checksum Prisma stores for a new migration: SHA-256 of the script's UTF-8 bytes as 64
 * lowercase hex characters. No line-ending normalisation happens when the checksum is written.
 */
export function computeMigrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether a script matches a stored checksum, as Prisma decides it: the script as is, with CRLF
 * turned into LF, or with LF turned into CRLF (git may rewrite line endings on checkout); and,
 * for rows written by old engines, hex bytes without zero padding (prisma-engines#1887).
 */
export function scriptMatchesChecksum(script: string, checksum: string): boolean {
  const variants = [script, script.replaceAll("\r\n", "\n"), script.replaceAll("\n", "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    const rendered =
      checksum.length !== 0 && checksum.length !== 64
        ? [...digest].map((byte) => byte.toString(16)).join("")
        : digest.toString("hex");
    return rendered === checksum;
  });
}

/** Prisma's CLI orders migration folders with `localeCompare`; timestamps make that chronological. */
export function sortMigrationNames(names: readonly string[]): string[] {
  return [...names].sort((left, right) => left.localeCompare(right));
}

/** Reads `provider = "..."` from migration_lock.toml; undefined when the file has none. */
export function parseLockfileProvider(content: string): string | undefined {
  const match = /^\s*provider\s*=\s*"([^"]*)"/m.exec(content);
  return match?.[1];
}

/**
 * Decides what to apply. Refuses, like `prisma migrate deploy` (P3009), while a previous attempt
 * is unresolved (finished_at and rolled_back_at both null), and, stricter than deploy (which only
 * reports it through `migrate status`/`migrate dev`), when an applied migration was edited.
 */
export function planMigrations(
  local: readonly LocalMigration[],
  applied: readonly AppliedMigrationRow[],
): MigrationPlan {
  const failed = applied.filter((row) => row.finishedAt === null && row.rolledBackAt === null);
  if (failed.length > 0) throw new MigrationHistoryError(describeFailedMigrations(failed));

  const active = applied.filter((row) => row.rolledBackAt === null);
  const localByName = new Map(local.map((migration) => [migration.name, migration]));
  const edited = active.filter((row) => {
    const migration = localByName.get(row.migrationName);
    return migration !== undefined && !scriptMatchesChecksum(migration.script, row.checksum);
  });
  if (edited.length > 0) throw new MigrationHistoryError(describeEditedMigrations(edited));

  const appliedNames = new Set(active.map((row) => row.migrationName));
  const missingLocally = [...appliedNames].filter((name) => !localByName.has(name));
  const pending = local.filter((migration) => !appliedNames.has(migration.name));
  return { pending, missingLocally };
}

function describeFailedMigrations(failed: readonly AppliedMigrationRow[]): string {
  const details = failed.map((row) => {
    const logs = row.logs?.trim() ? ` with the following logs:\n${row.logs.trim()}` : "";
    return `The \`${row.migrationName}\` migration started at ${row.startedAt.toISOString()} failed${logs}`;
  });
  const names = failed.map((row) => `'${row.migrationName.replaceAll("'", "''")}'`).join(", ");
  return [
    "Migrate found failed migrations in the target database; new migrations will not be applied.",
    ...details,
    "Each migration runs in one transaction, so a failed one left no partial changes behind.",
    "Fix its migration.sql, then mark the attempt as rolled back and run `npm run db:migrate` again:",
    `  UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name IN (${names}) AND finished_at IS NULL;`,
    "(on a machine with Prisma's schema engine: `npx prisma migrate resolve --rolled-back <name>`).",
  ].join("\n");
}

function describeEditedMigrations(edited: readonly AppliedMigrationRow[]): string {
  return [
    "These migrations were modified after they were applied to this database:",
    ...edited.map((row) => `  - ${row.migrationName}`),
    "Restore their migration.sql from version control (an applied migration must never change),",
    "and put any further schema change into a new migration folder.",
  ].join("\n");
}
