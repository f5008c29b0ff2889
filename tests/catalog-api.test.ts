// Integration (real PostgreSQL): the catalog's route handlers, called as Next.js calls them, with
// their status codes: 201, 422 field errors, 404, 409 conflict and refusal, YAML/JSON AsyncAPI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { createTestDatabase, type TestDatabase } from "./support/test-database";

let database: TestDatabase;
const globalForDb = globalThis as unknown as { tributaryDb?: { client: { $disconnect(): Promise<void> } } };

beforeAll(async () => {
  database = await createTestDatabase();
  // lib/env and lib/db read these once; the route modules are imported after they are set.
  process.env.DATABASE_URL = database.url;
  process.env.COLLECTOR_DISABLED = "1";
  delete globalForDb.tributaryDb;
});
afterAll(async () => {
  await globalForDb.tributaryDb?.client.$disconnect();
  delete globalForDb.tributaryDb;
  await database?.drop();
});

const json = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/catalog", { method, body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
const params = <T,>(value: T) => ({ params: Promise.resolve(value) });

describe("catalog route handlers", () => {
  it("creates a team (201, actor the signed-in principal, never a header) and rejects bad input with 422 field errors", async () => {
    const teams = await import("@/app/api/catalog/teams/route");
    // AUTH_MODE=none here: the principal is the local admin, and an identity header is ignored.
    const created = await teams.POST(json("POST", { slug: "api-team", name: "API team" }, { "x-forwarded-email": "ana@shop.example" }));
    expect(created.status).toBe(201);
    expect((await created.json()).record).toMatchObject({ slug: "api-team", version: 1 });

    const { getDb } = await import("@/lib/db");
    expect(await getDb().auditEntry.findFirst({ where: { entityKey: "api-team" }, select: { actor: true, actorKind: true, action: true } })).toEqual({
      actor: "local (sign-in off)",
      actorKind: "local",
      action: "create",
    });

    const invalid = await teams.POST(json("POST", { slug: "..", name: "" }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      error: {
        code: "unprocessable",
        message: "Some fields need attention",
        details: { fieldErrors: { slug: ['Slug cannot be "." or ".."'], name: ["Name is required"] } },
      },
    });

    // A body that is not JSON is malformed (400); one not even sent as JSON is refused (415).
    const notJson = await teams.POST(
      new Request("http://localhost/api/catalog/teams", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } }),
    );
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe("bad_request");
    const plainText = await teams.POST(new Request("http://localhost/api/catalog/teams", { method: "POST", body: "{nope" }));
    expect(plainText.status).toBe(415);
    expect(await plainText.json()).toEqual({
      error: { code: "unsupported_media_type", message: "The request body must be sent as application/json", details: { expected: "application/json" } },
    });
  });

  it("answers 404 for a missing team and 409 with the current record for a stale update", async () => {
    const team = await import("@/app/api/catalog/teams/[slug]/route");
    expect((await team.GET(new Request("http://localhost"), params({ slug: "nobody" }))).status).toBe(404);

    const first = await team.PUT(json("PUT", { slug: "api-team", name: "Renamed", version: 1 }), params({ slug: "api-team" }));
    expect(first.status).toBe(200);
    const stale = await team.PUT(json("PUT", { slug: "api-team", name: "Stale tab", version: 1 }), params({ slug: "api-team" }));
    expect(stale.status).toBe(409);
    const staleBody = await stale.json();
    expect(staleBody.error.code).toBe("conflict");
    expect(staleBody.error.details.current).toMatchObject({ name: "Renamed", version: 2 });
  });

  it("refuses with 409 to delete a team that owns a service, then deletes it once empty", async () => {
    const services = await import("@/app/api/catalog/services/route");
    const service = await import("@/app/api/catalog/services/[slug]/route");
    const team = await import("@/app/api/catalog/teams/[slug]/route");
    expect((await services.POST(json("POST", { slug: "api-svc", name: "API service", team: "api-team", consumerGroups: ["api-svc-group"] }))).status).toBe(201);

    const refused = await team.DELETE(new Request("http://localhost/api/catalog/teams/api-team", { method: "DELETE" }), params({ slug: "api-team" }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toEqual({
      code: "conflict",
      message: 'Team "api-team" still owns 1 service (api-svc). Move them to another team or delete them first.',
      details: { refused: true },
    });

    const wrongVersion = await service.DELETE(new Request("http://localhost/x?version=7", { method: "DELETE" }), params({ slug: "api-svc" }));
    expect(wrongVersion.status).toBe(409);
    expect((await service.DELETE(new Request("http://localhost/x?version=1", { method: "DELETE" }), params({ slug: "api-svc" }))).status).toBe(200);
    expect((await team.DELETE(new Request("http://localhost/x?version=2", { method: "DELETE" }), params({ slug: "api-team" }))).status).toBe(200);
  });

  it("imports with a dry run, then applies, and serves a service's AsyncAPI as YAML and JSON", async () => {
    const { readFileSync } = await import("node:fs");
    const importRoute = await import("@/app/api/catalog/import/route");
    const text = readFileSync("prisma/demo-catalog.yaml", "utf8");
    const dryRun = await importRoute.POST(new Request("http://localhost/api/catalog/import?dryRun=1", { method: "POST", body: text }));
    expect(dryRun.status).toBe(200);
    expect(await dryRun.json()).toMatchObject({ ok: true, applied: false, plan: { counts: { create: 31 } } });
    const bad = await importRoute.POST(new Request("http://localhost/api/catalog/import", { method: "POST", body: "teams:\n  - { slug: '..', name: X }\n" }));
    expect(bad.status).toBe(422);
    const badBody = await bad.json();
    expect(badBody.error.code).toBe("unprocessable");
    expect(badBody.error.details.errors).toEqual([{ path: "teams[0].slug", message: 'Slug cannot be "." or ".."' }]);
    expect((await importRoute.POST(new Request("http://localhost/api/catalog/import", { method: "POST", body: text }))).status).toBe(200);

    const asyncapi = await import("@/app/api/catalog/services/[slug]/asyncapi/route");
    const yamlResponse = await asyncapi.GET(new Request("http://localhost/x"), params({ slug: "payments" }));
    expect(yamlResponse.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    const document = parseYaml(await yamlResponse.text());
    expect(document.asyncapi).toBe("3.0.0");
    expect(Object.keys(document.operations)).toEqual(["receiveOrdersCreated", "sendPaymentsAuthorized"]);
    const jsonResponse = await asyncapi.GET(new Request("http://localhost/x?format=json"), params({ slug: "payments" }));
    expect(await jsonResponse.json()).toEqual(document);
    // A query value outside its enum is a malformed request (400), not invalid content (422).
    const xml = await asyncapi.GET(new Request("http://localhost/x?format=xml"), params({ slug: "payments" }));
    expect(xml.status).toBe(400);
    expect((await xml.json()).error.code).toBe("bad_request");
    expect((await asyncapi.GET(new Request("http://localhost/x"), params({ slug: "nobody" }))).status).toBe(404);

    const topic = await import("@/app/api/catalog/topics/[cluster]/[topic]/route");
    const info = await (await topic.GET(new Request("http://localhost/x"), params({ cluster: "local", topic: "payments.authorized" }))).json();
    expect(info.info.owner.slug).toBe("payments");
    expect(info.info.consumers.map((party: { slug: string }) => party.slug)).toEqual(["analytics", "shipping"]);
    // Neither in a contract nor on the cluster (no snapshot here), or on an unknown cluster: 404; not a topic name: 400.
    const unknown = await topic.GET(new Request("http://localhost/x"), params({ cluster: "local", topic: "no.such.topic" }));
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: { code: "not_found", message: 'topic "no.such.topic" not found' } }]);
    expect((await topic.GET(new Request("http://localhost/x"), params({ cluster: "nope", topic: "payments.authorized" }))).status).toBe(404);
    expect((await topic.GET(new Request("http://localhost/x"), params({ cluster: "local", topic: "a b" }))).status).toBe(400);
  });
});
