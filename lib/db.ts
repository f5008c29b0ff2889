import "server-only";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getConfig } from "@/lib/env";
import { createPrismaClient, type DatabaseBackend } from "@/lib/db-client";

const globalForDb = globalThis as unknown as {
  tributaryDb?: { client: PrismaClient; backend: DatabaseBackend };
};

function create() {
  const config = getConfig();
  if (!config.databaseUrl) mkdirSync(config.pgliteDir, { recursive: true });
  return createPrismaClient({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
}

/** The one Prisma client of this process: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export function getDb(): PrismaClient {
  globalForDb.tributaryDb ??= create();
  return globalForDb.tributaryDb.client;
}

/** Which database this process talks to: "postgresql" or "pglite". */
export function getDbBackend(): DatabaseBackend {
  globalForDb.tributaryDb ??= create();
  return globalForDb.tributaryDb.backend;
}
