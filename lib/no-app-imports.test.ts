import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// app/ holds routes only; components/ and lib/ never import from it (server actions reach
// components as props). A grep, so it also catches type-only and dynamic imports.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APP_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](@\/app(?:\/|["'])|(?:\.\.\/)+app(?:\/|["']))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name) ? [relative] : [];
  });
}

describe("layering", () => {
  it("the pattern catches every way of importing from app/", () => {
    for (const line of [
      'import { x } from "@/app/catalog/teams/actions";',
      "import type { X } from '@/app/providers';",
      'const m = await import("@/app/api/health/route");',
      'export { y } from "../../app/layout";',
    ]) {
      expect(line).toMatch(APP_IMPORT);
    }
    expect('import { z } from "@/lib/app-config";').not.toMatch(APP_IMPORT);
  });

  it("no file under components/ or lib/ imports from app/", () => {
    // This file's own examples above are strings, not imports.
    const files = [...sourceFiles("components"), ...sourceFiles("lib")].filter((file) => file !== path.join("lib", "no-app-imports.test.ts"));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => APP_IMPORT.test(readFileSync(path.join(root, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
