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
  // proxy.ts sets these (and the Content-Security-Policy) on pages and API responses; this covers
  // the static files it does not run for. Keep in step with lib/security/headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
