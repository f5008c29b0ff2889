// Fuzz (fast-check, fixed seed) of every route handler under app/api, found by walking the folder:
// hostile path segments, malformed and ill-typed query parameters, unknown paths and methods.
// Expected per case: the agreed 4xx with the JSON error body, never a 5xx. Runs against the app
// scripts/test.ts started on the real broker and database; it writes nothing (the write routes are
// fuzzed in write-bodies.test.ts with row snapshots).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BAD_VALUES, malformedEscape, oddName, runs, unknownParam } from "./support/arbitraries";
import { pollUntil } from "../support/live-stack";
import { diffCatalog, snapshotCatalog, type CatalogRows } from "./support/catalog-rows";
import { Findings, reportRequestCount, send, type RawRequest } from "./support/http";
import { buildPath, listRouteHandlers, WRITE_METHODS, type RouteHandler } from "./support/routes";
import { createAlertFixtures } from "./support/alert-fixtures";

const routes = listRouteHandlers();
const fuzzable = routes.filter((route) => !route.hasCatchAll);
const getRoutes = fuzzable.filter((route) => route.methods.includes("GET"));

type ParamKind = keyof typeof BAD_VALUES;
/** The query parameters each route documents, by kind (routes not listed get the generic cases). */
const QUERY_PARAMS: Record<string, Record<string, ParamKind>> = {
  "/api/clusters/[cluster]/topics": { search: "text", sort: "enum", dir: "enum", internal: "flag", page: "int", pageSize: "int" },
  "/api/clusters/[cluster]/groups": { search: "text", status: "enum", sort: "enum", dir: "enum", page: "int", pageSize: "int" },
  "/api/clusters/[cluster]/history": { range: "enum" },
  "/api/clusters/[cluster]/topics/[topic]/history": { range: "enum" },
  "/api/clusters/[cluster]/topics/[topic]/conformance/history": { range: "enum" },
  "/api/clusters/[cluster]/groups/[group]/history": { range: "enum", topic: "text" },
  "/api/clusters/[cluster]/topics/[topic]/messages": { partition: "int", from: "enum", offset: "int", timestamp: "int", limit: "int" },
  "/api/catalog/services/[slug]/asyncapi": { format: "enum" },
};
const DELETE_QUERY: Record<string, ParamKind> = { version: "int" };

const findings = new Findings();
const sent = (what: string, request: RawRequest, expected: readonly number[]) =>
  send(request).then((response) => findings.check(what, request, response, expected));

// The cases below include writes (malformed paths, DELETEs of names that do not exist, methods a
// route lacks): none of them may change the catalog.
let before: CatalogRows;
beforeAll(async () => {
  // Made through the API (and audited) before the catalog is snapshotted: the cases below must change nothing.
  await createAlertFixtures(`fzr${Date.now().toString(36)}`);
  before = await snapshotCatalog();
  // Right after start-up the demo traffic may not have reached partition 0 yet: the message value
  // route's valid case (partition 0, offset 0) needs that record.
  await pollUntil("a record at offset 0 of orders.created partition 0", async () => ((await send({ path: "/api/clusters/local/topics/orders.created/messages?partition=0&from=offset&offset=0&limit=1" })).json?.messages?.length === 1 ? true : undefined), {
    timeoutMs: 30_000,
    everyMs: 500,
  });
});
afterAll(() => reportRequestCount("route-handlers"));

describe("fuzz: every route handler", () => {
  it("finds the route handlers by walking app/api", () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes.map((route) => route.template)).toContain("/api/clusters/[cluster]/groups/[group]/history");
    console.log(`fuzzing ${routes.length} route handlers: ${routes.map((route) => `${route.methods.join(",")} ${route.template}`).join("; ")}`);
  });

  it("answers 200 on every GET route with valid parameters (so a 4xx below is about the one thing a case changed)", async () => {
    const broken: string[] = [];
    for (const route of getRoutes) {
      const response = await send({ path: buildPath(route) });
      if (response.status !== 200) broken.push(`${route.template} → ${response.status} ${response.text.slice(0, 120)}`);
    }
    expect(broken).toEqual([]);
  });

  it("answers 400 with the JSON error body to a malformed percent-escape in any path segment, whatever the method", async () => {
    const cases = fuzzable.flatMap((route) =>
      route.methods.filter((method) => method !== "HEAD" && method !== "OPTIONS").flatMap((method) =>
        route.segments.flatMap((segment, index) => (segment.kind === "dynamic" ? [{ route, method, index }] : [])),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), malformedEscape, async ({ route, method, index }, bad) => {
        const request: RawRequest = { method, path: buildPath(route, { [index]: bad }) };
        if (method !== "GET" && method !== "DELETE") Object.assign(request, { headers: { "content-type": "application/json" }, body: "{}" });
        await sent(`malformed escape in [${route.segments[index]!.kind === "dynamic" ? (route.segments[index] as { name: string }).name : ""}] ${method} ${route.template}`, request, [400]);
      }),
      runs(300),
    );
    expect(findings.mismatches.filter((m) => m.what.startsWith("malformed escape")), findings.summary()).toEqual([]);
  });

  it("answers 404 (or 400 for an illegal name) to hostile names that do not exist, never a 5xx", async () => {
    const cases = fuzzable.flatMap((route) =>
      route.methods.filter((method) => method === "GET" || method === "DELETE").flatMap((method) =>
        route.segments.flatMap((segment, index) => (segment.kind === "dynamic" ? [{ route, method, index }] : [])),
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...cases), oddName, async ({ route, method, index }, name) => {
        // ?version guards the DELETEs: were a name ever to exist, a stale version refuses (409), never deletes.
        const query = method === "DELETE" ? "?version=999999" : "";
        const segmentName = (route.segments[index] as { name: string }).name;
        await sent(`unknown name in [${segmentName}] ${method} ${route.template}`, { method, path: `${buildPath(route, { [index]: name })}${query}` }, [400, 404]);
      }),
      runs(400),
    );
    expect(findings.mismatches.filter((m) => m.what.startsWith("unknown name")), findings.summary()).toEqual([]);
  });

  it("answers 400 to malformed escapes and ill-typed values of documented query parameters", async () => {
    const cases: { route: RouteHandler; method: "GET" | "DELETE"; param: string; kind: ParamKind }[] = [];
    for (const route of fuzzable) {
      if (route.methods.includes("GET")) for (const [param, kind] of Object.entries(QUERY_PARAMS[route.template] ?? {})) cases.push({ route, method: "GET", param, kind });
      if (route.methods.includes("DELETE")) for (const [param, kind] of Object.entries(DELETE_QUERY)) cases.push({ route, method: "DELETE", param, kind });
    }
    const value = (kind: ParamKind) =>
      fc.oneof(
        fc.constantFrom(...BAD_VALUES[kind]),
        malformedEscape,
        // The same parameter twice is ambiguous, even with valid values.
        fc.constant("__twice__"),
        ...(kind === "text" ? [fc.integer({ min: 600, max: 5000 }).map((length) => "x".repeat(length))] : []),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases).chain((entry) => fc.tuple(fc.constant(entry), value(entry.kind))),
        async ([{ route, method, param }, bad]) => {
          const query = bad === "__twice__" ? `${param}=1&${param}=2` : `${param}=${bad}`;
          // DELETEs name something that does not exist: a server that wrongly accepted the query deletes nothing.
          const path = method === "DELETE" ? buildPath(route, Object.fromEntries(route.segments.flatMap((segment, index) => (segment.kind === "dynamic" && segment.name !== "cluster" ? [[index, "fz-never-created"]] : [])))) : buildPath(route);
          await sent(`ill-typed ?${param} ${method} ${route.template}`, { method, path: `${path}?${query}` }, [400]);
        },
      ),
      runs(300),
    );
    expect(findings.mismatches.filter((m) => m.what.startsWith("ill-typed")), findings.summary()).toEqual([]);
  });

  it("answers 400 to a malformed escape in any query, and ignores or refuses (400) unknown parameters on every GET", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...getRoutes), fc.boolean(), malformedEscape, unknownParam, async (route, malformed, bad, unknown) => {
        if (malformed) await sent(`malformed query escape GET ${route.template}`, { path: `${buildPath(route)}?fz=${bad}` }, [400]);
        else await sent(`unknown query parameter GET ${route.template}`, { path: `${buildPath(route)}?${unknown}` }, [200, 400]);
      }),
      runs(200),
    );
    expect(findings.mismatches.filter((m) => m.what.includes("query")), findings.summary()).toEqual([]);
  });

  it("answers a JSON 404 to unknown /api paths, whatever the method", async () => {
    const segment = fc.oneof(fc.stringMatching(/^[a-z0-9._-]{1,20}$/), oddName);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"), fc.array(segment, { minLength: 1, maxLength: 4 }), async (method, parts) => {
        await sent(`unknown /api path ${method}`, { method, path: `/api/zz-${parts.join("/")}` }, [404]);
      }),
      runs(40),
    );
    // Beneath real routes too.
    for (const path of ["/api/clusters/local/topics/orders.created/nope", "/api/catalog/teams/commerce/nope/x", "/api/clusters/local", "/api/catalog", "/api"]) {
      await sent("unknown /api path under a real route", { path }, [404]);
    }
    expect(findings.mismatches.filter((m) => m.what.startsWith("unknown /api path")), findings.summary()).toEqual([]);
  });

  it("answers 405 with the JSON error body to a method a route does not have", async () => {
    for (const route of fuzzable) {
      for (const method of ["GET", ...WRITE_METHODS].filter((method) => !route.methods.includes(method as never))) {
        const request: RawRequest = { method, path: buildPath(route), headers: { "content-type": "application/json" }, body: method === "GET" || method === "DELETE" ? undefined : "{}" };
        await sent(`method not allowed ${method} ${route.template}`, request, [405]);
      }
    }
    expect(findings.mismatches.filter((m) => m.what.startsWith("method not allowed")), findings.summary()).toEqual([]);
  });

  it("never answers 5xx to any of the cases above", () => {
    console.log(`route-handler fuzz: ${findings.cases} cases checked, ${findings.mismatches.length} not as agreed`);
    if (findings.mismatches.length > 0) console.log(findings.summary());
    expect(findings.mismatches.filter((m) => m.status >= 500), findings.summary()).toEqual([]);
  });

  it("left the catalog exactly as it was", async () => {
    expect(diffCatalog(before, await snapshotCatalog(), [])).toEqual([]);
  });
});
