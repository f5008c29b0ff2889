import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./kafka-dist";
import { COLLECTOR_BUNDLE, COLLECTOR_V8_FLAGS, collectorEnv, collectorNodeArgs } from "./collector-command";
import { MMAP_THRESHOLD_BYTES } from "../../lib/collector/service/sampling-process";

describe("the collector's command line", () => {
  it("is the same in `npm run collector` as in the processes tests and benchmarks start", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const bundle = path.relative(repoRoot, COLLECTOR_BUNDLE);
    expect(scripts.collector).toBe(
      `node scripts/build-collector.mjs && MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-2} MALLOC_MMAP_THRESHOLD_=\${MALLOC_MMAP_THRESHOLD_:-${MMAP_THRESHOLD_BYTES}} exec node ${COLLECTOR_V8_FLAGS.join(" ")} ${bundle}`,
    );
    expect(COLLECTOR_V8_FLAGS).toEqual(["--liftoff-only", "--no-memory-reducer", "--single-threaded-gc", "--max-semi-space-size=8"]);
  });

  it("sets MALLOC_ARENA_MAX to 2 and a fixed MALLOC_MMAP_THRESHOLD_ of 4 MiB, each unless the environment has its own", () => {
    expect(collectorEnv({ PATH: "/bin" })).toEqual({ PATH: "/bin", MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "4194304" });
    expect(collectorEnv({ MALLOC_ARENA_MAX: "8" })).toEqual({ MALLOC_ARENA_MAX: "8", MALLOC_MMAP_THRESHOLD_: "4194304" });
    expect(collectorEnv({ MALLOC_MMAP_THRESHOLD_: "65536" })).toEqual({ MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "65536" });
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
