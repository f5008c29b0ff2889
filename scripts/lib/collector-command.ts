// The collector role's command line, as `npm run collector` runs it (package.json says the same): the
// bundle scripts/build-collector.mjs makes, on plain node. No heap cap: a cap of 256 MB ran out of heap
// at 6,000 partitions / 10,000 groups (BENCHMARKS.md); NODE_OPTIONS=--max-old-space-size=N sets one.
//
// --liftoff-only: V8 compiles WebAssembly with its baseline compiler only. The one WebAssembly module
// in this process is Prisma's query compiler; optimizing it in the background left ~40–70 MB of
// compiler memory resident for good (BENCHMARKS.md, "bundled collector"), while the collector sends
// its large statements as a few text parameters (lib/sql-array.ts), so the compiler's speed hardly
// shows in a sample.
//
// --initial-old-space-size=100: the old generation may reach 100 MB before V8 collects it in full,
// where half above what survived (--heap-growing-percent=50) would be less. At 10,000 groups ~45 MB
// survives a full collection until alerts open, so each sample's ~16 MB promoted brought one or two
// full collections a sample; with the floor, one (6 in a minute instead of 12, 0.59 s of collection
// against 1.0 s, by hand). Once the alerts are open more survives and the limit is above 100 MB
// anyway: the peak memory, judged then, does not move. Only the collector role: role `all`'s
// sampling child (small clusters, the demo) would hold the memory for nothing.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./kafka-dist";
import { SAMPLING_V8_FLAGS, samplingEnv } from "../../lib/collector/service/sampling-process";

export const COLLECTOR_BUNDLE = path.join(repoRoot, ".collector", "collector.mjs");
/** With what every sampling process gets (lib/collector/service/sampling-process.ts: no memory reducer). */
export const COLLECTOR_V8_FLAGS = ["--liftoff-only", "--initial-old-space-size=100", ...SAMPLING_V8_FLAGS];
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
