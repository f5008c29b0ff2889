import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./kafka-dist";
import { COLLECTOR_BUNDLE, COLLECTOR_V8_FLAGS, collectorNodeArgs } from "./collector-command";

describe("the collector's command line", () => {
  it("is the same in `npm run collector` as in the processes tests and benchmarks start", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const bundle = path.relative(repoRoot, COLLECTOR_BUNDLE);
    expect(scripts.collector).toBe(`node scripts/build-collector.mjs && exec node ${COLLECTOR_V8_FLAGS.join(" ")} ${bundle}`);
  });

  // lib/kafka patches kafkajs where Node loads it from (createRequire: the request-queue timer fix,
  // offline partitions in metadata). A copy inside the bundle would be a second kafkajs the patches
  // never reach: its admin client woke every millisecond and its listGroups failed every sample
  // while a partition was offline (tests/multi-broker.test.ts checks the collector process there).
  it("loads kafkajs from node_modules, once, rather than bundling a copy", () => {
    expect(collectorNodeArgs().at(-1)).toBe(COLLECTOR_BUNDLE);
    const bundle = readFileSync(COLLECTOR_BUNDLE, "utf8");
    expect(bundle).not.toContain("node_modules/kafkajs/");
    expect(bundle).toMatch(/from\s*"kafkajs"/);
  });
});
