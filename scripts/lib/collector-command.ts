// The collector role's command line, as `npm run collector` runs it (package.json says the same):
// TypeScript through tsx, `server-only` stubbed, and a heap cap. The collector's live data is small
// (about 70 MB at 10,000 groups); without a cap V8 lets garbage between samples grow the RSS to
// several times that before collecting it.
export const COLLECTOR_NODE_ARGS = [
  "--max-old-space-size=256",
  "--import",
  "tsx",
  "--import",
  "./scripts/lib/server-only-hook.mjs",
  "scripts/collector.ts",
];
