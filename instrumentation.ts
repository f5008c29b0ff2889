// Next.js calls register() once per server process: start the background collector there, so
// that pages read a recent snapshot instead of waiting on Kafka.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Malformed /api URLs and oversized headers get the API's JSON error body (see the module).
    const { installHttpGuard } = await import("@/lib/api/http-guard");
    installHttpGuard();
    const { ensureCollectorStarted } = await import("@/lib/collector/registry");
    ensureCollectorStarted();
  }
}
