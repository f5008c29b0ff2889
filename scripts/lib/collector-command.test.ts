import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./kafka-dist";
import { COLLECTOR_BUNDLE, COLLECTOR_V8_FLAGS } from "./collector-command";

describe("the collector's command line", () => {
  it("is the same in `npm run collector` as in the processes tests and benchmarks start", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const bundle = path.relative(repoRoot, COLLECTOR_BUNDLE);
    expect(scripts.collector).toBe(`node scripts/build-collector.mjs && exec node ${COLLECTOR_V8_FLAGS.join(" ")} ${bundle}`);
  });
});
