// Shared by the catalog CLI scripts: which database to open (the same rule as the app: DATABASE_URL,
// else PGlite at PGLITE_DIR) and who to record as the actor in the audit log.
import { mkdirSync } from "node:fs";
import os from "node:os";
import { createPrismaClient } from "@/lib/db-client";

export function openCliDatabase() {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const pgliteDir = process.env.PGLITE_DIR || ".data/pglite";
  if (!databaseUrl) mkdirSync(pgliteDir, { recursive: true });
  const { client, backend, close } = createPrismaClient({ databaseUrl, pgliteDir });
  return { db: client, close, description: backend === "postgresql" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${pgliteDir}` };
}

export function cliActor(explicit: string | undefined): string {
  if (explicit) return explicit;
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return "cli";
  }
}

/** Reads `--name value` / `--flag` options; everything else is positional. */
export function parseArgs(argv: string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (inline !== undefined) options.set(name, inline);
    else if (name === "actor" && argv[index + 1] !== undefined) options.set(name, argv[++index]!);
    else options.set(name, true);
  }
  return { positional, options };
}
