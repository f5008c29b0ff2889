// Runs `prisma generate` offline. The Prisma CLI insists that a
// schema-engine binary exists before it generates, and downloads one when it does not; that
// download is impossible here and `generate` never runs the engine, so we point the CLI at a
// placeholder. Migrations are applied by scripts/db-migrate.ts, not by the engine.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PLACEHOLDER_PATH = path.join(REPO_ROOT, ".data", "prisma-engine-placeholder");

// If something ever does run it, it should say why it cannot work rather than fail obscurely.
const PLACEHOLDER_SCRIPT = `#!/bin/sh
echo "This is Tributary's placeholder for Prisma's schema engine, which is not installed." >&2
echo "Apply migrations with: npm run db:migrate" >&2
exit 1
`;

function ensurePlaceholderEngine(): string {
  if (!existsSync(PLACEHOLDER_PATH)) {
    mkdirSync(path.dirname(PLACEHOLDER_PATH), { recursive: true });
    writeFileSync(PLACEHOLDER_PATH, PLACEHOLDER_SCRIPT);
    chmodSync(PLACEHOLDER_PATH, 0o755);
  }
  return PLACEHOLDER_PATH;
}

/** Runs `prisma generate`; returns its exit status. */
export function runPrismaGenerate(extraArgs: string[] = []): number {
  const require = createRequire(import.meta.url);
  const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
  const result = spawnSync(process.execPath, [prismaCli, "generate", ...extraArgs], {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      // A real engine configured by the user wins over the placeholder.
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? ensurePlaceholderEngine(),
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Generates the client into lib/generated/prisma; throws when generation fails. */
export function generatePrismaClient(): void {
  const status = runPrismaGenerate([]);
  if (status !== 0) throw new Error(`prisma generate failed with exit code ${status}`);
}
