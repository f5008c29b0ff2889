// Builds the sampling processes' entries into one ES module each, that plain `node` runs:
// .collector/collector.mjs, the collector role (scripts/collector.ts: `npm run collector` builds it and
// then runs it, about a second; the tests and benchmarks start the same file, scripts/lib/collector-command.ts),
// and .collector/sampling-child.mjs, role `all`'s sampling child (lib/collector/service/child-main.ts:
// its parent builds it before it starts the first child, lib/collector/service/child-sampler.ts).
// `node scripts/build-collector.mjs [collector|sampling-child]…`; with no name, the collector.
//
// Why a bundle rather than TypeScript through tsx, as the other scripts run: these are the
// long-lived processes outside Next.js, and tsx's loader, its per-module transforms and the
// `__name(...)` wrappers of its keepNames option stay with the process for its lifetime. At
// 10,000 groups that was ~60 MB of resident memory and ~1% of the derivation's CPU (BENCHMARKS.md,
// "bundled collector"; and "the sampling child bundled": 27–37 MB for role `all`'s child), and a function
// with an inner arrow function allocated ~400 bytes a call under tsx against 80–98 in the bundle
// (BENCHMARKS.md, "The collector at 10,000 groups, by hand (stop 51)"). Packages are bundled too (Node's
// ES module resolution refuses the extensionless deep imports some CommonJS packages use), except kafkajs: lib/kafka patches it and
// reaches into it where Node loads it from (createRequire), and a bundled copy was a second kafkajs
// the patches never reached (the admin client's connections woke every millisecond, and its
// listGroups failed every sample while a partition was offline). `server-only` is an empty module. The
// embedded PGlite database is left out: the collector role runs on PostgreSQL only (it refuses to
// start without DATABASE_URL), the sampling child asks its parent for what lives in the database,
// and loading PGlite's module cost ~11 MB of resident memory for nothing.
// lib/db-client.ts gets a stand-in that says so, should anything ever reach for it.
//
// Written to a temporary file and renamed, so that a process starting the bundle while another
// builds it never reads half a file.
import { build } from "esbuild";
import { renameSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// scripts/lib/collector-command.ts and lib/collector/service/child-sampler.ts name the same files.
const BUNDLES = {
  collector: { entry: "scripts/collector.ts", file: path.join(root, ".collector", "collector.mjs") },
  "sampling-child": { entry: "lib/collector/service/child-main.ts", file: path.join(root, ".collector", "sampling-child.mjs") },
};

const emptyServerOnly = {
  name: "server-only",
  setup(plugin) {
    plugin.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    plugin.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

// What lib/db-client.ts imports for the embedded database, in a process that has none.
const noPglite = {
  name: "no-pglite",
  setup(plugin) {
    plugin.onResolve({ filter: /^(@electric-sql\/pglite|pglite-prisma-adapter)$/ }, (args) => ({ path: args.path, namespace: "no-pglite" }));
    plugin.onLoad({ filter: /.*/, namespace: "no-pglite" }, (args) => ({
      contents: `const refuse = () => { throw new Error("the collector role runs on PostgreSQL only (DATABASE_URL); ${args.path} is not in its bundle"); };
export class PGlite { constructor() { refuse(); } }
export class PrismaPGlite { constructor() { refuse(); } }`,
    }));
  },
};

// Prisma's query compiler comes as a module whose one export is the compiler's WebAssembly as a base64
// string literal (4.4 MB), decoded once, at the first query (Buffer.from(wasm, "base64") in
// lib/generated/prisma/internal/class.ts). Bundled, the literal stayed in the source V8 keeps for the
// process's lifetime, and the string itself stayed referenced from the module: ~9 MB of old generation
// for bytes used once (a heap snapshot of the collector at 10,000 groups, BENCHMARKS.md, "the query
// compiler's WebAssembly read on demand"). The bundle gets a stand-in whose `wasm` reads the literal from
// the package's own file when Prisma asks for the string (Buffer.from takes an object's valueOf), so the
// text is garbage once the module is compiled.
export const prismaWasmOnDemand = {
  name: "prisma-wasm-on-demand",
  setup(plugin) {
    plugin.onResolve({ filter: /^@prisma\/client\/runtime\/query_compiler_[a-z]+_bg\.[a-z]+\.wasm-base64\.mjs$/ }, (args) => ({ path: args.path, namespace: "prisma-wasm" }));
    plugin.onLoad({ filter: /.*/, namespace: "prisma-wasm" }, (args) => ({
      contents: `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
export const wasm = {
  valueOf() {
    const file = createRequire(import.meta.url).resolve(${JSON.stringify(args.path)});
    const text = readFileSync(file, "latin1");
    const start = text.indexOf('"') + 1;
    const end = text.lastIndexOf('"');
    if (start === 0 || end < start) throw new Error(file + ": no base64 string literal in it (has Prisma changed how it ships its query compiler?)");
    return text.slice(start, end);
  },
};`,
      loader: "js",
    }));
  },
};

async function buildBundle(name) {
  const bundle = BUNDLES[name];
  if (!bundle) throw new Error(`no bundle named ${JSON.stringify(name)} (there are ${Object.keys(BUNDLES).join(", ")})`);
  const temporary = `${bundle.file}.${process.pid}.tmp`;
  await build({
    absWorkingDir: root,
    entryPoints: [bundle.entry],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["pg-native", "kafkajs"],
    // Bundled CommonJS packages call require(): give the module one.
    banner: { js: 'import { createRequire as __collectorRequire } from "node:module"; const require = __collectorRequire(import.meta.url);' },
    plugins: [emptyServerOnly, noPglite, prismaWasmOnDemand],
    // Without comments and indentation the source V8 keeps for the process's lifetime is half the
    // size, and stored one byte per character (comments held non-ASCII characters); names stay.
    minifyWhitespace: true,
    logLevel: "warning",
  });
  renameSync(temporary, bundle.file);
  return bundle.file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : ["collector"]) await buildBundle(name);
}
