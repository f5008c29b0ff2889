// Integration (the running production build, `next start`): which answers Next.js compresses.
// The API's JSON answers below 128 KiB go out plain (lib/api/json-response.ts: gzip's set-up per
// response cost more server CPU than the few KB it saves); pages, scripts and non-JSON answers are
// still gzipped by Next.js for a client that accepts it.
import { beforeAll, describe, expect, it } from "vitest";
import { pollUntil, stack } from "./support/live-stack";

const ACCEPT = { "accept-encoding": "gzip, deflate, br" };

async function get(path: string) {
  const response = await fetch(`${stack.appUrl}${path}`, { headers: ACCEPT, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text(); // fetch inflates what was compressed
  return { status: response.status, encoding: response.headers.get("content-encoding"), cacheControl: response.headers.get("cache-control"), body };
}

describe("compression of answers", () => {
  // The lists answer 503 until the collector's first sample: wait for it, so that every answer below is a success.
  beforeAll(async () => {
    let last: number | undefined;
    await pollUntil("a healthy app (first sample taken)", async () => ((last = (await get("/api/health")).status) === 200 ? true : undefined), {
      timeoutMs: 60_000,
      describeLast: () => last,
    });
  }, 70_000);

  it.each(["/api/clusters", "/api/clusters/local/topics", "/api/clusters/local/groups", "/api/catalog/teams", "/api/health"])(
    "%s: plain JSON, not stored, not transformed",
    async (path) => {
      const { status, encoding, cacheControl, body } = await get(path);
      expect(status, path).toBeLessThan(300);
      expect(encoding).toBeNull();
      expect(cacheControl).toBe("no-store, no-transform");
      expect(() => JSON.parse(body)).not.toThrow();
    },
  );

  it("sends an error answer plain too, with its JSON body", async () => {
    const { status, encoding, cacheControl, body } = await get("/api/clusters/nowhere/topics");
    expect(status).toBe(404);
    expect(encoding).toBeNull();
    expect(cacheControl).toBe("no-store, no-transform");
    expect(JSON.parse(body)).toMatchObject({ error: { code: "not_found" } });
  });

  it("still gzips pages and the Prometheus metrics", async () => {
    const page = await get("/clusters/local/topics");
    expect(page.status).toBe(200);
    expect(page.encoding).toBe("gzip");
    expect(page.body).toContain("<html");
    const metrics = await get("/api/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.encoding).toBe("gzip");
    expect(metrics.body).toContain("tributary_");
  });
});
