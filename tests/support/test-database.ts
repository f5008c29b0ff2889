// A throwaway, migrated PostgreSQL database per test run: integration tests never share state
// with each other or with a developer's database, and never mock the database.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/scripts/lib/migrate";

const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = {
  /** Connection string of the new database, migrated to the latest migration. */
  url: string;
  /** Terminates its connections and drops it. Safe to call twice. */
  drop(): Promise<void>;
};

/**
 * Creates `tributary_test_<random>` on the server of TEST_PG_ADMIN_URL (default: postgres on
 * 127.0.0.1:5432, trust auth) and applies prisma/migrations to it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL || DEFAULT_ADMIN_URL;
  const name = `tributary_test_${randomBytes(6).toString("hex")}`;
  await runAdminStatement(adminUrl, `CREATE DATABASE "${name}"`);

  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${name}`;
  const url = databaseUrl.toString();

  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(adminUrl, name);
  };

  try {
    await applyMigrations({ databaseUrl: url });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      // Pools a test forgot to close would otherwise make DROP DATABASE fail.
      await client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [name],
      );
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        // 55006: a pool reconnected between terminate and drop; terminate again.
        const stillInUse = (error as { code?: string }).code === "55006";
        if (!stillInUse || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    await client.end();
  }
}

async function runAdminStatement(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query(sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Integration tests need PostgreSQL at ${describeServer(adminUrl)} (set TEST_PG_ADMIN_URL to change it): ${reason}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function describeServer(adminUrl: string): string {
  const url = new URL(adminUrl);
  return `${url.hostname}:${url.port || "5432"} as ${decodeURIComponent(url.username) || "the current user"}`;
}

/**
 * A node-postgres pool of one connection, like the collector's publishing pool (lib/collector/service/
 * runtime.ts), with its `end()`. pg-pool's end() resolves as soon as its idle clients are told to end,
 * before their connections close; a database dropped right after terminates them (57P01), and a pool
 * with no error listener throws that as an uncaught exception. An error while the test runs is still
 * thrown; after end() it is expected.
 */
export function createTestPool(url: string): { pool: pg.Pool; end(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let ended = false;
  pool.on("error", (error) => {
    if (!ended) throw error;
  });
  return {
    pool,
    end: async () => {
      ended = true;
      await pool.end();
    },
  };
}
