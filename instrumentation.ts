// Next.js calls register() once per server process: start the snapshot feed there (and in role
// `all` the collector), so that pages read a recent snapshot instead of waiting on Kafka.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Before anything logs: a lost stdout or stderr must not turn a log line into a busy loop.
    const { ignoreBrokenPipes } = await import("@/lib/broken-pipes");
    ignoreBrokenPipes();
    // With PostgreSQL, this process's one WebAssembly module is Prisma's query compiler: compiled by
    // V8's baseline compiler only, it leaves no optimizing compiler's memory resident (~40 MB;
    // the collector's command line does the same, see scripts/lib/collector-command.ts). Not with
    // the embedded PGlite database, which is PostgreSQL itself in WebAssembly and needs the speed.
    if (process.env.DATABASE_URL) (await import("node:v8")).setFlagsFromString("--liftoff-only");
    // Sign-in settings are checked before anything serves a request: a wrong one stops the server with its fix.
    const { getAuthConfig } = await import("@/lib/auth/config");
    try {
      getAuthConfig();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
    // Malformed /api URLs and oversized headers get the API's JSON error body (see the module).
    const { installHttpGuard } = await import("@/lib/api/http-guard");
    installHttpGuard();
    const { ensureCollectorStarted } = await import("@/lib/collector/registry");
    // The first read of what the collectors published, so that the first page has it; a database
    // that does not answer in time only means the pages start as "no sample yet".
    await Promise.race([ensureCollectorStarted(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    // Audit retention (AUDIT_RETENTION_DAYS): one DELETE of old entries now and every hour.
    const [{ startAuditRetention }, { getDb }] = await Promise.all([import("@/lib/catalog/audit-retention"), import("@/lib/db")]);
    try {
      startAuditRetention(getDb);
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
  }
}
