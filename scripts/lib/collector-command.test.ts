import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { prismaWasmOnDemand } from "../build-collector.mjs";
import { repoRoot } from "./kafka-dist";
import { COLLECTOR_BUNDLE, COLLECTOR_V8_FLAGS, collectorEnv, collectorNodeArgs } from "./collector-command";
import { MMAP_THRESHOLD_BYTES } from "../../lib/collector/service/sampling-process";
import { buildSamplingChild } from "../../lib/collector/service/child-sampler";

describe("the collector's command line", () => {
  it("is the same in `npm run collector` as in the processes tests and benchmarks start", () => {
    const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    const bundle = path.relative(repoRoot, COLLECTOR_BUNDLE);
    expect(scripts.collector).toBe(
      `node scripts/build-collector.mjs && MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-2} MALLOC_MMAP_THRESHOLD_=\${MALLOC_MMAP_THRESHOLD_:-${MMAP_THRESHOLD_BYTES}} exec node ${COLLECTOR_V8_FLAGS.join(" ")} ${bundle}`,
    );
    expect(COLLECTOR_V8_FLAGS).toEqual(["--liftoff-only", "--initial-old-space-size=100", "--no-memory-reducer", "--single-threaded-gc", "--max-semi-space-size=8"]);
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

  // Role `all`'s sampling child runs from a bundle its parent builds (lib/collector/service/child-sampler.ts),
  // under the same rules: kafkajs from node_modules, `server-only` empty, no embedded database.
  it("builds role all's sampling child as a bundle of its own, kafkajs and the embedded database left out", async () => {
    const file = await buildSamplingChild(repoRoot);
    expect(file).toBe(path.join(repoRoot, ".collector", "sampling-child.mjs"));
    const bundle = readFileSync(file, "utf8");
    expect(bundle).toContain("settleSamplingProcess");
    expect(bundle).not.toContain("node_modules/kafkajs/");
    expect(bundle).toMatch(/from\s*"kafkajs"/);
    expect(bundle).not.toContain("node_modules/@electric-sql/pglite/");
    expect(bundle).not.toMatch(/from\s*"server-only"/);
    // Built once per process: a second call is the same build.
    expect(buildSamplingChild(repoRoot)).toBe(buildSamplingChild(repoRoot));
  });

  // The query compiler's WebAssembly ships as a module holding it as one 4.4 MB base64 literal, used
  // once: bundled, the literal stayed in the source V8 keeps and in the string it made of it.
  it("leaves Prisma's query compiler out of the bundle, and gives Prisma the same bytes from the package when it compiles them", async () => {
    const specifier = "@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.mjs";
    // The package's own module, loaded as Prisma loads it (not read the way the stand-in reads it).
    const { wasm: literal } = (await import(specifier)) as { wasm: string };
    expect(literal.length).toBeGreaterThan(1_000_000);
    collectorNodeArgs();
    expect(readFileSync(COLLECTOR_BUNDLE, "utf8")).not.toContain(literal.slice(0, 200));

    // The stand-in the bundle gets, bundled alone beside it (where the package resolves from).
    const outfile = path.join(path.dirname(COLLECTOR_BUNDLE), `wasm-check-${process.pid}.mjs`);
    try {
      await build({
        stdin: { contents: `export { wasm } from "${specifier}";`, resolveDir: repoRoot },
        bundle: true, platform: "node", format: "esm", outfile, plugins: [prismaWasmOnDemand], logLevel: "silent",
      });
      expect(readFileSync(outfile, "utf8")).not.toContain(literal.slice(0, 200));
      const { wasm } = (await import(pathToFileURL(outfile).href)) as { wasm: object };
      // What lib/generated/prisma/internal/class.ts does with it.
      const bytes = Buffer.from(wasm as unknown as string, "base64");
      expect(bytes.equals(Buffer.from(literal, "base64"))).toBe(true);
      expect(WebAssembly.validate(bytes)).toBe(true);
    } finally {
      rmSync(outfile, { force: true });
    }
  });
});
