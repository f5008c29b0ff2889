// The collector role's command line, as `npm run collector` runs it (package.json says the same): the
// bundle scripts/build-collector.mjs makes, on plain node. No heap cap: a cap of 256 MB ran out of heap
// at 6,000 partitions / 10,000 groups (BENCHMARKS.md); NODE_OPTIONS=--max-old-space-size=N sets one.
//
// --liftoff-only: V8 compiles WebAssembly with its baseline compiler only. The one WebAssembly module
// in this process is Prisma's query compiler; optimizing it in the background left ~40–70 MB of
// compiler memory resident for good (BENCHMARKS.md, "bundled collector"), while the collector sends
// its large statements as a few text parameters (lib/sql-array.ts), so the compiler's speed hardly
// shows in a sample.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./kafka-dist";
import { SAMPLING_V8_FLAGS, samplingEnv } from "../../lib/collector/service/sampling-process";

export const COLLECTOR_BUNDLE = path.join(repoRoot, ".collector", "collector.mjs");
/** With what every sampling process gets (lib/collector/service/sampling-process.ts: no memory reducer). */
export const COLLECTOR_V8_FLAGS = ["--liftoff-only", ...SAMPLING_V8_FLAGS];
/** `npm run collector`'s environment over `env` (MALLOC_ARENA_MAX, unless `env` sets it). */
export const collectorEnv = samplingEnv;

let built = false;

/** `npm run collector`'s node arguments; builds the bundle from the current sources first (once per process). */
export function collectorNodeArgs(): string[] {
  if (!built) {
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "build-collector.mjs")], { cwd: repoRoot, stdio: "inherit" });
    built = true;
  }
  return [...COLLECTOR_V8_FLAGS, COLLECTOR_BUNDLE];
}
