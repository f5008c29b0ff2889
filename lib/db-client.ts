// Builds a Prisma client for either backend. No "server-only" here: scripts (migrate, seed,
// import) and tests use it too; lib/db.ts is the app's cached entry point.
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockPgliteDir } from "@/lib/pglite-lock";
import { SerialClient } from "@/lib/serial-pg-client";

export type DatabaseBackend = "postgresql" | "pglite";

export function createPrismaClient(options: { databaseUrl?: string; pgliteDir: string }): {
  client: PrismaClient;
  backend: DatabaseBackend;
  /** Disconnects, and for PGlite closes the database so that another process may open it. */
  close(): Promise<void>;
} {
  if (options.databaseUrl) {
    // SerialClient: Prisma may send a transaction's queries at once; see lib/serial-pg-client.ts.
    const adapter = new PrismaPg({ connectionString: options.databaseUrl, Client: SerialClient });
    const client = new PrismaClient({ adapter });
    return { client, backend: "postgresql", close: () => client.$disconnect() };
  }
  const unlock = lockPgliteDir(options.pgliteDir);
  const pglite = new PGlite(options.pgliteDir);
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    client,
    backend: "pglite",
    close: async () => {
      await client.$disconnect();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}
