// Applies prisma/migrations without Prisma's schema-engine binary (it cannot be downloaded
// everywhere Tributary runs) and records each one in _prisma_migrations exactly as
// `prisma migrate deploy` does, so the Prisma CLI on a connected machine sees them as applied.
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  MigrationHistoryError,
  computeMigrationChecksum,
  parseLockfileProvider,
  planMigrations,
  sortMigrationNames,
  type AppliedMigrationRow,
  type LocalMigration,
} from "./migration-history";
import { openMigrationSession, type MigrationSession } from "./migration-session";

export { MigrationHistoryError } from "./migration-history";

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** The key Prisma Migrate locks on (prisma-engines, postgres flavour `acquire_lock`). */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
/** Prisma gives up on the lock after 10 s; so do we, with a message instead of a hang. */
const LOCK_TIMEOUT_MS = 10_000;

/** The DDL Prisma's PostgreSQL connector runs in `create_migrations_table`, verbatim. */
const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

export type ApplyMigrationsOptions = {
  /** PostgreSQL connection string; when absent, `pgliteDir` is used. */
  databaseUrl?: string;
  /** Directory of the embedded PGlite database. */
  pgliteDir?: string;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  log?: (message: string) => void;
};

/**
 * Applies every pending migration, each in its own transaction, under Prisma's advisory lock.
 * Returns the names applied (empty when the database was up to date). Throws
 * MigrationHistoryError when an applied migration was edited or an earlier attempt failed.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const log = options.log ?? (() => {});
  const local = readMigrationsDirectory(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const session = await openMigrationSession(options);
  try {
    await acquireMigrateLock(session);
    await ensureMigrationsTable(session);
    const plan = planMigrations(local, await listAppliedMigrations(session));
    for (const name of plan.missingLocally) {
      log(`warning: ${name} is recorded in _prisma_migrations but missing from the migrations directory`);
    }
    const applied: string[] = [];
    for (const migration of plan.pending) {
      log(`applying ${migration.name}`);
      await applyOneMigration(session, migration);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    // Closing the session releases the advisory lock too.
    await session.close();
  }
}

/** Reads migration folders the way Prisma's CLI does (UTF-8, ordered by name) and checks the lock file. */
export function readMigrationsDirectory(migrationsDir: string): LocalMigration[] {
  if (!existsSync(migrationsDir)) return [];
  const lockfile = path.join(migrationsDir, "migration_lock.toml");
  if (existsSync(lockfile)) {
    const provider = parseLockfileProvider(readFileSync(lockfile, "utf-8"));
    if (provider !== undefined && provider !== "postgresql") {
      throw new MigrationHistoryError(
        `${lockfile} says provider = "${provider}", but these migrations are applied to PostgreSQL.`,
      );
    }
  }
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return sortMigrationNames(names).map((name) => {
    const file = path.join(migrationsDir, name, "migration.sql");
    if (!existsSync(file)) throw new MigrationHistoryError(`Migration folder ${name} has no migration.sql`);
    return { name, script: readFileSync(file, "utf-8") };
  });
}

async function acquireMigrateLock(session: MigrationSession): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [PRISMA_MIGRATE_LOCK_KEY],
    );
    if (row?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationHistoryError(
        `Timed out after ${LOCK_TIMEOUT_MS / 1000}s waiting for the migration lock ` +
          `(pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})): another migration is running against this database.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Like Prisma's `initialize`: create the table in an empty schema, refuse to adopt a non-empty one. */
async function ensureMigrationsTable(session: MigrationSession): Promise<void> {
  const tables = await session.query<{ name: string }>(
    `SELECT tbl.relname AS name FROM pg_class AS tbl
       JOIN pg_namespace AS ns ON ns.oid = tbl.relnamespace
      WHERE tbl.relkind = 'r' AND ns.nspname = current_schema()`,
  );
  if (tables.some((table) => table.name === "_prisma_migrations")) return;
  if (tables.length > 0) {
    throw new MigrationHistoryError(
      `The database schema is not empty (${tables.map((table) => table.name).join(", ")}) and has no ` +
        "_prisma_migrations table. Apply migrations to an empty database, or baseline this one " +
        "(https://pris.ly/d/migrate-baseline).",
    );
  }
  await session.execScript(CREATE_MIGRATIONS_TABLE_SQL);
}

async function listAppliedMigrations(session: MigrationSession): Promise<AppliedMigrationRow[]> {
  const rows = await session.query<{
    migration_name: string;
    checksum: string;
    started_at: Date | string;
    finished_at: Date | string | null;
    rolled_back_at: Date | string | null;
    logs: string | null;
  }>(
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs
       FROM _prisma_migrations ORDER BY started_at ASC`,
  );
  const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));
  return rows.map((row) => ({
    migrationName: row.migration_name,
    checksum: row.checksum,
    startedAt: new Date(row.started_at),
    finishedAt: toDate(row.finished_at),
    rolledBackAt: toDate(row.rolled_back_at),
    logs: row.logs,
  }));
}

/**
 * Same rows and order of writes as Prisma (record started → apply → count the step and set
 * finished_at; on failure, keep the row unfinished with the error in `logs`), with the script
 * and its completion in one transaction so a failure leaves no half-applied schema.
 */
async function applyOneMigration(session: MigrationSession, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await session.query(
    "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)",
    [id, computeMigrationChecksum(migration.script), migration.name],
  );
  try {
    await session.execScript("BEGIN");
    await session.execScript(migration.script);
    await session.query(
      `UPDATE _prisma_migrations
          SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
        WHERE id = $1`,
      [id],
    );
    await session.execScript("COMMIT");
  } catch (error) {
    await session.execScript("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    await session.query("UPDATE _prisma_migrations SET logs = $2 WHERE id = $1", [id, reason]);
    throw new MigrationHistoryError(
      `Migration ${migration.name} failed and was rolled back: ${reason}\n` +
        "It is recorded as failed in _prisma_migrations; fix it, then see the instructions " +
        "`npm run db:migrate` prints next.",
    );
  }
}
