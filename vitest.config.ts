import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@/": root,
  // "server-only" throws outside React Server Components; tests import server modules directly.
  "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/resilience/**"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Tests share one broker and one PostgreSQL server: run files one at a time.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Stops and restarts the shared broker: run by scripts/test.ts after everything else.
          name: "resilience",
          include: ["tests/resilience/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
