/** @type {import('next').NextConfig} */
const nextConfig = {
  // The test run builds into its own folder so that it never replaces the files of a running demo.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Node-only packages (native sockets, WASM, generated Prisma client) stay out of the bundle.
  serverExternalPackages: ["kafkajs", "@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  typedRoutes: false,
  devIndicators: false,
  // `npm test` and `npm run typecheck` run tsc over the whole project (scripts and tests too);
  // doing it again inside `next build` would only double the build time on small machines.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
