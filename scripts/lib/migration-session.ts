// One database session for the migration runner, over either backend. A single connection
// matters: the advisory lock and each migration's transaction belong to the session.
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { lockPgliteDir } from "@/lib/pglite-lock";

export type MigrationSession = {
  backend: "postgresql" | "pglite";
  /** One parameterised statement. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** A script of several statements (simple query protocol), as Prisma sends migration.sql. */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
};

export async function openMigrationSession(target: {
  databaseUrl?: string;
  pgliteDir?: string;
}): Promise<MigrationSession> {
  if (target.databaseUrl) return openPostgresSession(target.databaseUrl);
  if (target.pgliteDir) return openPgliteSession(target.pgliteDir);
  throw new Error("applyMigrations needs a databaseUrl or a pgliteDir");
}

async function openPostgresSession(databaseUrl: string): Promise<MigrationSession> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // node-postgres reports a connection the server ends between two statements as an 'error' event,
  // which without a listener ends the process with an uncaught exception. The statement in flight,
  // or the next one, rejects with the reason anyway, and the runner reports that.
  client.on("error", () => undefined);
  await client.connect();
  return {
    backend: "postgresql",
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
    async execScript(sql: string) {
      // Without parameters pg uses the simple query protocol, which accepts many statements.
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

async function openPgliteSession(pgliteDir: string): Promise<MigrationSession> {
  mkdirSync(pgliteDir, { recursive: true });
  const unlock = lockPgliteDir(pgliteDir);
  const db = await PGlite.create(pgliteDir).catch((error: unknown) => {
    unlock();
    throw error;
  });
  return {
    backend: "pglite",
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await db.query<Row>(sql, params);
      return result.rows;
    },
    async execScript(sql: string) {
      await db.exec(sql);
    },
    close: async () => {
      await db.close();
      unlock();
    },
  };
}
