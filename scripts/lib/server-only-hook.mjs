// `node --import ./scripts/lib/server-only-hook.mjs`: lib/ modules start with `import "server-only"`,
// which throws outside React Server Components; outside Next.js (the collector process, scripts)
// it resolves to an empty module instead.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }',
    ),
);
