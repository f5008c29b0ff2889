// The collector role's command line, as `npm run collector` runs it (package.json says the same):
// TypeScript through tsx, with `server-only` stubbed. No heap cap: a cap of 256 MB ran out of heap at
// 6,000 partitions / 10,000 groups (BENCHMARKS.md); NODE_OPTIONS=--max-old-space-size=N sets one.
export const COLLECTOR_NODE_ARGS = ["--import", "tsx", "--import", "./scripts/lib/server-only-hook.mjs", "scripts/collector.ts"];
