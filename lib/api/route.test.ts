import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";

const url = "http://app.example/api/things";
const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", body, headers: { host: "app.example", "content-type": "application/json", ...headers }, duplex: "half" } as RequestInit);

describe("apiRoute", () => {
  const echo = apiRoute(
    { params: z.object({ group: z.string().min(1) }), query: z.object({ range: z.enum(["1h", "24h"]).default("1h") }), response: z.object({ group: z.string(), range: z.string() }) },
    async ({ params, query }) => ({ group: params.group, range: query.range }),
  );

  it("hands the params over as Next.js decoded them, never decoding again", async () => {
    const response = await echo(new Request(`${url}?range=24h`), context({ group: "50%off" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ group: "50%off", range: "24h" });
  });

  it("answers a bad query with 400 and a thrown ApiError with its status", async () => {
    const bad = await echo(new Request(`${url}?range=2h`), context({ group: "g" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
    const missing = apiRoute({}, async () => {
      throw notFound('consumer group "a/b"');
    });
    const response = await missing(new Request(url));
    expect([response.status, await response.json()]).toEqual([404, { error: { code: "not_found", message: 'consumer group "a/b" not found' } }]);
  });

  const create = apiRoute(
    { body: z.object({ version: z.number().int() }), response: z.object({ version: z.number() }), maxBodyBytes: 64 },
    async ({ body }) => reply({ version: body.version }, { status: 201 }),
  );

  it("refuses wrong JSON types with 422 rather than coercing them", async () => {
    expect((await create(post(JSON.stringify({ version: 3 })))).status).toBe(201);
    for (const version of [[3], "3", true]) {
      const response = await create(post(JSON.stringify({ version })));
      expect(response.status, JSON.stringify(version)).toBe(422);
      expect(Object.keys((await response.json()).error.details.fieldErrors)).toEqual(["version"]);
    }
  });

  it("refuses non-JSON media types (415), malformed JSON (400) and bodies over the cap (413), streamed or declared", async () => {
    expect((await create(post('{"version":3}', { "content-type": "text/plain" }))).status).toBe(415);
    expect((await create(post("{nope"))).status).toBe(400);
    const declared = await create(post(JSON.stringify({ version: 3, pad: "x".repeat(100) })));
    expect([declared.status, (await declared.json()).error]).toEqual([413, { code: "payload_too_large", message: "The request body is larger than 64 bytes", details: { maxBytes: 64 } }]);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 10; index++) controller.enqueue(new TextEncoder().encode(`{"pad":"${"y".repeat(20)}"}`));
        controller.close();
      },
    });
    expect((await create(post(chunks))).status).toBe(413);
  });

  it("refuses cross-site writes with 403 before reading anything, and lets curl-style requests through", async () => {
    const handler = vi.fn(async () => reply({ version: 1 }, { status: 201 }));
    const guarded = apiRoute({ body: z.object({ version: z.number() }), response: z.object({ version: z.number() }) }, handler);
    const forged = await guarded(post(JSON.stringify({ version: 1 }), { origin: "https://evil.example" }));
    expect([forged.status, await forged.json()]).toEqual([403, { error: { code: "forbidden", message: "Cross-site request refused (Origin: https://evil.example)" } }]);
    expect((await guarded(post(JSON.stringify({ version: 1 }), { "sec-fetch-site": "cross-site" }))).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
    expect((await guarded(post(JSON.stringify({ version: 1 })))).status).toBe(201);
  });

  it("answers a response that does not match its schema with a 500 outside production", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const drifted = apiRoute({ response: z.object({ lag: z.number() }) }, async () => ({ lag: "12" }) as never);
    const response = await drifted(new Request(url));
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe("internal");
    log.mockRestore();
  });
});

describe("routeMethods", () => {
  it("answers methods a route does not have with a JSON 405 and an Allow header", async () => {
    const routes = routeMethods({ GET: apiRoute({}, async () => new Response("ok")) });
    const response = await routes.DELETE(new Request(url, { method: "DELETE" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: "DELETE is not allowed here; use GET", details: { allowed: ["GET"] } },
    });
  });
});
