import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latencyOf, measureInterleaved } from "./bench-measure";

describe("latencyOf", () => {
  it("pools runs: percentiles over every request, req/s over the runs' summed time", () => {
    const latency = latencyOf(
      { timings: [5, 1, 3], errors: 0, elapsedSeconds: 1 },
      { timings: [2, 4, 10, 6, 7, 8, 9], errors: 2, elapsedSeconds: 4 },
    );
    expect(latency).toEqual({ requests: 10, errors: 2, p50: 5, p95: 10, p99: 10, max: 10, perSecond: 2 });
  });
});

describe("measureInterleaved", () => {
  // A real server on loopback, recording the order the routes were asked for.
  const seen: string[] = [];
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url!);
      response.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("runs every route total requests, in rounds whose order rotates", async () => {
    const result = await measureInterleaved({ a: `${base}/a`, b: `${base}/b`, c: `${base}/c` }, { clients: 1, total: 6, slices: 3 });
    expect(Object.fromEntries(Object.entries(result).map(([name, latency]) => [name, latency.requests]))).toEqual({ a: 6, b: 6, c: 6 });
    // One client: each round is two requests per route, a b c, then b c a, then c a b.
    const runs = seen.filter((_, index) => index % 2 === 0).join(" ");
    expect(runs).toBe("/a /b /c /b /c /a /c /a /b");
  });

  it("polls when given a pace: each client sends one request per paceMs", async () => {
    const result = await measureInterleaved({ a: `${base}/a`, b: `${base}/b` }, { clients: 1, total: 6, slices: 2, paceMs: 100 });
    // Three requests per slice and route, 100 ms apart: at least 200 ms a run, 10 req/s at most.
    for (const latency of Object.values(result)) {
      expect(latency.requests).toBe(6);
      expect(latency.perSecond).toBeLessThanOrEqual(10);
    }
  });
});
