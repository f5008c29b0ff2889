// Integration (real PostgreSQL, and PGlite): prisma/migrations produce exactly what
// schema.prisma describes, and the runner keeps _prisma_migrations the way Prisma Migrate does.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { DEFAULT_MIGRATIONS_DIR, MigrationHistoryError, applyMigrations } from "@/scripts/lib/migrate";
import { openMigrationSession } from "@/scripts/lib/migration-session";
import { describeExpectedSchema, readDatamodel, type ExpectedSchema } from "./support/expected-schema";
import { introspectSchema, type ActualSchema } from "./support/introspect-schema";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
const INIT_MIGRATION = "20261122000000_init";
/** Every migration folder, in the order Prisma applies them (by name). */
const MIGRATIONS = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const sortBy = <T>(items: T[], key: (item: T) => string) =>
  [...items].sort((left, right) => key(left).localeCompare(key(right)));
const keyed = <T>(items: T[], key: (item: T) => string) => new Map(items.map((item) => [key(item), item]));
/** Independent of the runner's helper on purpose: sha256 of the file's bytes. */
const readChecksum = (migration: string) =>
  createHash("sha256")
    .update(readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, migration, "migration.sql")))
    .digest("hex");
const readInitChecksum = () => readChecksum(INIT_MIGRATION);

describe("a freshly migrated PostgreSQL database", () => {
  let database: TestDatabase;
  let client: pg.Client;
  let expected: ExpectedSchema;
  let actual: ActualSchema;

  beforeAll(async () => {
    expected = describeExpectedSchema(readDatamodel(SCHEMA_PATH));
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actual = await introspectSchema(client);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("has a table for every model, plus _prisma_migrations, and nothing else", () => {
    expect(expected.tables.length).toBeGreaterThan(0);
    expect(actual.tables.sort()).toEqual([...expected.tables, "_prisma_migrations"].sort());
  });

  it("has every field's column with its type, nullability and (absence of) default", () => {
    const modelColumns = actual.columns.filter((column) => column.table !== "_prisma_migrations");
    const actualByName = keyed(modelColumns, (column) => `${column.table}.${column.column}`);
    for (const column of expected.columns) {
      expect(actualByName.get(`${column.table}.${column.column}`), `${column.table}.${column.column}`).toEqual(column);
    }
    expect(sortBy(modelColumns, (c) => `${c.table}.${c.column}`).map((c) => `${c.table}.${c.column}`)).toEqual(
      sortBy(expected.columns, (c) => `${c.table}.${c.column}`).map((c) => `${c.table}.${c.column}`),
    );
  });

  it("has every @id/@@id, @unique/@@unique and @@index under Prisma's constraint names", () => {
    const modelIndexes = actual.indexes.filter((index) => index.table !== "_prisma_migrations");
    expect(sortBy(modelIndexes, (index) => index.name)).toEqual(sortBy(expected.indexes, (index) => index.name));
  });

  it("has every relation's foreign key with its referential actions", () => {
    expect(expected.foreignKeys.length).toBeGreaterThan(0);
    expect(sortBy(actual.foreignKeys, (key) => key.name)).toEqual(sortBy(expected.foreignKeys, (key) => key.name));
  });

  it("has every enum with its values in declaration order", () => {
    expect(sortBy(actual.enums, (item) => item.name)).toEqual(sortBy(expected.enums, (item) => item.name));
  });

  it("creates _prisma_migrations with the columns of Prisma's own DDL", () => {
    const columns = actual.columns.filter((column) => column.table === "_prisma_migrations");
    expect(sortBy(columns, (column) => column.column)).toEqual(
      sortBy(
        [
          ["id", "character varying(36)", true, false],
          ["checksum", "character varying(64)", true, false],
          ["finished_at", "timestamp with time zone", false, false],
          ["migration_name", "character varying(255)", true, false],
          ["logs", "text", false, false],
          ["rolled_back_at", "timestamp with time zone", false, false],
          ["started_at", "timestamp with time zone", true, true],
          ["applied_steps_count", "integer", true, true],
        ].map(([column, type, notNull, hasDefault]) => ({
          table: "_prisma_migrations",
          column: column as string,
          type: type as string,
          notNull: notNull as boolean,
          hasDefault: hasDefault as boolean,
        })),
        (column) => column.column,
      ),
    );
    expect(actual.indexes.filter((index) => index.table === "_prisma_migrations")).toEqual([
      { table: "_prisma_migrations", name: "_prisma_migrations_pkey", columns: ["id"], unique: true, primary: true },
    ]);
  });

  it("records each migration as Prisma does: sha256 of migration.sql, finished, one step", async () => {
    expect(MIGRATIONS).toContain("20261203000000_producer_header_values");
    expect(MIGRATIONS).toContain("20261203000100_producer_samples");
    const { rows } = await client.query("SELECT * FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((row) => row.migration_name)).toEqual(MIGRATIONS);
    for (const [index, migration] of MIGRATIONS.entries()) {
      expect(rows[index]).toMatchObject({
        migration_name: migration,
        checksum: readChecksum(migration),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(rows[index].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(rows[index].finished_at.getTime()).toBeGreaterThanOrEqual(rows[index].started_at.getTime());
    }
  });

  it("applies nothing when run again", async () => {
    expect(await applyMigrations({ databaseUrl: database.url })).toEqual([]);
    const { rows } = await client.query("SELECT count(*)::int AS count FROM _prisma_migrations");
    expect(rows[0].count).toBe(MIGRATIONS.length);
  });

  it("refuses to run when an applied migration's checksum differs from the file", async () => {
    await client.query("UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1", [
      INIT_MIGRATION,
    ]);
    try {
      await expect(applyMigrations({ databaseUrl: database.url })).rejects.toThrow(MigrationHistoryError);
      await expect(applyMigrations({ databaseUrl: database.url })).rejects.toThrow(
        new RegExp(`modified after they were applied[\\s\\S]*${INIT_MIGRATION}`),
      );
    } finally {
      await client.query("UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2", [
        readInitChecksum(),
        INIT_MIGRATION,
      ]);
    }
  });
});

describe("the migration runner on PostgreSQL", () => {
  let database: TestDatabase;
  let client: pg.Client;
  let migrationsDir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    migrationsDir = mkdtempSync(path.join(tmpdir(), "tributary-migrations-"));
    cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
    if (migrationsDir) rmSync(migrationsDir, { recursive: true, force: true });
  });

  const writeMigration = (name: string, script: string) => {
    mkdirSync(path.join(migrationsDir, name), { recursive: true });
    writeFileSync(path.join(migrationsDir, name, "migration.sql"), script);
  };

  it("rolls a failing migration back, records it as failed and refuses until it is resolved", async () => {
    // Named after every real migration, so the real ones have all applied before it fails.
    const name = "20991123000000_broken";
    writeMigration(name, 'CREATE TABLE "HalfDone" ("id" INTEGER);\nSELEC 1;\n');

    await expect(applyMigrations({ databaseUrl: database.url, migrationsDir })).rejects.toThrow(/SELEC/);
    const { rows: halfDone } = await client.query(`SELECT to_regclass('"HalfDone"') AS table`);
    expect(halfDone[0].table).toBeNull();
    const { rows } = await client.query(
      "SELECT finished_at, rolled_back_at, logs, applied_steps_count FROM _prisma_migrations WHERE migration_name = $1",
      [name],
    );
    expect(rows).toEqual([
      { finished_at: null, rolled_back_at: null, logs: expect.stringContaining("SELEC"), applied_steps_count: 0 },
    ]);

    writeMigration(name, 'CREATE TABLE "HalfDone" ("id" INTEGER);\nSELECT 1;\n');
    await expect(applyMigrations({ databaseUrl: database.url, migrationsDir })).rejects.toThrow(
      /failed migrations[\s\S]*20991123000000_broken[\s\S]*rolled_back_at = now\(\)/,
    );

    await client.query("UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1", [name]);
    expect(await applyMigrations({ databaseUrl: database.url, migrationsDir })).toEqual([name]);
  });

  it("serialises concurrent runs with Prisma's advisory lock", async () => {
    const name = "20991124000000_slow";
    writeMigration(name, 'CREATE TABLE "Slow" ("id" INTEGER);\nSELECT pg_sleep(0.5);\n');
    const results = await Promise.all([
      applyMigrations({ databaseUrl: database.url, migrationsDir }),
      applyMigrations({ databaseUrl: database.url, migrationsDir }),
    ]);
    expect(results.flat()).toEqual([name]);
    const { rows } = await client.query("SELECT count(*)::int AS count FROM _prisma_migrations WHERE migration_name = $1", [
      name,
    ]);
    expect(rows[0].count).toBe(1);
  });

  it("survives its connection being ended between two statements: the next statement fails with a reason", async () => {
    const session = await openMigrationSession({ databaseUrl: database.url });
    try {
      const [own] = await session.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const { rows } = await client.query("SELECT pg_terminate_backend($1) AS ended", [own!.pid]);
      expect(rows[0].ended).toBe(true);
      // Without a listener, node-postgres's 'error' event for the ended connection is an uncaught exception here.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(session.query("SELECT 1")).rejects.toThrow(/terminat|not queryable/i);
    } finally {
      await session.close().catch(() => undefined);
    }
  });
});

describe("the migration runner on PGlite", () => {
  let pgliteDir: string;

  beforeAll(() => {
    pgliteDir = mkdtempSync(path.join(tmpdir(), "tributary-pglite-"));
  });

  afterAll(() => {
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  });

  it("migrates an empty directory once, and Prisma Client works on the result", async () => {
    expect(await applyMigrations({ pgliteDir })).toEqual(MIGRATIONS);
    expect(await applyMigrations({ pgliteDir })).toEqual([]);

    const { client, backend } = createPrismaClient({ pgliteDir });
    try {
      expect(backend).toBe("pglite");
      const team = await client.team.create({ data: { slug: "payments", name: "Payments" } });
      await client.service.create({
        data: { slug: "payment-api", name: "Payment API", teamId: team.id, tags: ["card"], producerHeaderValues: ["pay-v2"] },
      });
      const found = await client.team.findUniqueOrThrow({ where: { slug: "payments" }, include: { services: true } });
      expect(found.services.map((service) => [service.slug, service.tier, service.tags, service.producerHeaderValues])).toEqual([
        ["payment-api", "medium", ["card"], ["pay-v2"]],
      ]);
    } finally {
      await client.$disconnect();
    }
  });
});
