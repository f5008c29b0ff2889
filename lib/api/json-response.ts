/**
 * Below this many bytes (characters, for a string body) a JSON answer is sent uncompressed; the
 * Kubernetes API server draws its line at the same size (it gzips only answers over 128 KiB). Here
 * the reason is `next start`, which gzips every response with a zlib stream of its own, whose
 * set-up costs more than compressing a few KB saves. Measured on a web replica at 10,000 groups
 * (BENCHMARKS.md, "Per-response gzip"): the groups list's default page, 15 KB of JSON (1.3 KB
 * gzipped), cost 2.3–2.7 ms of server CPU a request gzipped and 1.5–1.7 ms plain; even the
 * 188-byte `GET /api/clusters` paid 0.5–0.75 ms for its gzip. Larger answers (a page of 500 rows
 * of a big cluster) are still compressed.
 */
export const COMPRESS_FROM_BYTES = 128 * 1024;

/**
 * A JSON answer of the API. Answers are live data: never stored by a cache (`no-store`). Below
 * COMPRESS_FROM_BYTES they also carry `no-transform`, which is how an answer opts out of Next.js's
 * compression (the `compression` middleware of `next start` leaves such responses as they are; a
 * route handler cannot send its own gzipped bytes, as Next.js drops its Content-Encoding). Headers
 * given in `init` win, a `cache-control` among them.
 */
export function jsonResponse(body: string | Uint8Array<ArrayBuffer>, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  if (!headers.has("cache-control")) {
    const size = typeof body === "string" ? body.length : body.byteLength;
    headers.set("cache-control", size < COMPRESS_FROM_BYTES ? "no-store, no-transform" : "no-store");
  }
  return new Response(body, { ...init, headers });
}
