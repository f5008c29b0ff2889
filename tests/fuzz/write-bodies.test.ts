// Fuzz (fast-check, fixed seed) of every write route handler (POST/PUT/PATCH/DELETE under app/api):
// JSON bodies of wrong types, control characters, over-long and deeply nested values, non-JSON
// bodies, wrong content types, oversized bodies, and the cross-site variant of every write.
// Expected: 422 / 400 / 415 / 413 / 403 as agreed, the JSON error body, never a 5xx; and the
// catalog tables of the app's database exactly as before, except for the suite's own valid writes.
import { randomBytes, randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonOfKinds, malformedEscape, runs, textWithControl } from "./support/arbitraries";
import { diffCatalog, snapshotCatalog, type CatalogRows } from "./support/catalog-rows";
import { CROSS_SITE_HEADERS, Findings, reportRequestCount, sameOriginHeaders, send, type RawRequest } from "./support/http";
import { buildPath, FUZZ_RULE, listRouteHandlers, WRITE_METHODS, type RouteHandler } from "./support/routes";

const tag = `fz${randomBytes(3).toString("hex")}`;
const own = { team: `${tag}-team`, service: `${tag}-svc`, topic: `${tag}.contract` };
const TEAM_NAME = "Fuzz grüße 👋 名前 — «équipe»";
const JSON_TYPE = { "content-type": "application/json" };

type Kind = Parameters<typeof jsonOfKinds>[0][number];
const REQUIRED_TEXT: Kind[] = ["number", "boolean", "null", "array", "object", "numberArray", "deep"];
const OPTIONAL_TEXT: Kind[] = ["number", "boolean", "array", "object", "numberArray", "deep"];
const ENUM: Kind[] = ["number", "boolean", "array", "object", "string", "numberArray"];
const LIST: Kind[] = ["number", "boolean", "object", "numberArray", "deep"];
const INTEGER: Kind[] = ["boolean", "array", "object", "numberArray", "deep"];
const VERSION_VALUES = [[1], true, "1", "abc", {}, null, 1.5, -1, 0, [[1]]];

type Entity = {
  /** Route template of the collection (POST) and of one record (PUT/DELETE). */
  collection: string;
  record: string;
  /** A valid body for a record that does not exist (POST) and for the suite's own record (PUT). */
  createBody: () => Record<string, unknown>;
  updateBody: () => Record<string, unknown>;
  fields: Record<string, Kind[]>;
  /** The record path's dynamic values for the suite's own record. */
  ownSegments: string[];
};

let counter = 0;
const fresh = (what: string) => `${tag}-${what}-${++counter}`;

const ENTITIES: Entity[] = [
  {
    collection: "/api/catalog/teams",
    record: "/api/catalog/teams/[slug]",
    createBody: () => ({ slug: fresh("t"), name: "Fuzz team" }),
    updateBody: () => ({ slug: own.team, name: TEAM_NAME, description: "", version: 1 }),
    fields: { slug: REQUIRED_TEXT, name: REQUIRED_TEXT, description: OPTIONAL_TEXT, email: OPTIONAL_TEXT, chatChannel: OPTIONAL_TEXT, oncallUrl: OPTIONAL_TEXT },
    ownSegments: [own.team],
  },
  {
    collection: "/api/catalog/services",
    record: "/api/catalog/services/[slug]",
    createBody: () => ({ slug: fresh("s"), name: "Fuzz service", team: own.team }),
    updateBody: () => ({ slug: own.service, name: "Fuzz service", team: own.team, version: 1 }),
    fields: {
      slug: REQUIRED_TEXT, name: REQUIRED_TEXT, team: REQUIRED_TEXT, description: OPTIONAL_TEXT, tier: ENUM, lifecycle: ENUM,
      repositoryUrl: OPTIONAL_TEXT, runbookUrl: OPTIONAL_TEXT, tags: LIST, consumerGroups: LIST, producerHeaderValues: LIST, flows: ["number", "boolean", "object", "string", "numberArray"],
    },
    ownSegments: [own.service],
  },
  {
    collection: "/api/catalog/contracts",
    record: "/api/catalog/contracts/[cluster]/[topic]",
    createBody: () => ({ cluster: "local", topic: fresh("c"), owner: own.service }),
    updateBody: () => ({ cluster: "local", topic: own.topic, owner: own.service, version: 1 }),
    fields: {
      topic: REQUIRED_TEXT, owner: REQUIRED_TEXT, description: OPTIONAL_TEXT, partitions: INTEGER, retentionMs: INTEGER,
      lagObjectiveSec: INTEGER, compatibility: ENUM, classification: ENUM,
    },
    ownSegments: ["local", own.topic],
  },
];

const routes = listRouteHandlers().filter((route) => !route.hasCatchAll);
const byTemplate = new Map(routes.map((route) => [route.template, route]));
const findings = new Findings();
let before: CatalogRows;

/** A well-formed name that exists nowhere: ids are UUIDs, a rule is one of the built-ins (under a team that does not exist). */
const NOWHERE_ID = randomUUID();
function nowhere(segment: string): string {
  if (segment === "cluster") return "local";
  if (segment === "id") return NOWHERE_ID;
  if (segment === "rule") return FUZZ_RULE;
  return `${tag}-nothing`;
}

/** The path of a write route: the suite's own record for known entities, a name that exists nowhere otherwise. */
function writePath(route: RouteHandler): string {
  const entity = ENTITIES.find((candidate) => candidate.record === route.template);
  const values = entity ? [...entity.ownSegments] : [];
  const override: Record<number, string> = {};
  route.segments.forEach((segment, index) => {
    if (segment.kind !== "dynamic") return;
    const value = values.shift() ?? nowhere(segment.name);
    override[index] = encodeURIComponent(value);
  });
  return buildPath(route, override);
}

/** A valid body for `method` on `route` (what a cross-site page would try to send). */
function validBody(route: RouteHandler, method: string): string | undefined {
  if (method === "DELETE") return undefined;
  if (route.template === "/api/catalog/import") return `version: 1\nteams:\n  - slug: ${fresh("xs-import")}\n    name: Cross-site import\n`;
  const entity = ENTITIES.find((candidate) => candidate.collection === route.template || candidate.record === route.template);
  if (!entity) return "{}";
  return JSON.stringify(entity.collection === route.template ? entity.createBody() : entity.updateBody());
}

const writeCases = routes.flatMap((route) => route.methods.filter((method) => (WRITE_METHODS as readonly string[]).includes(method)).map((method) => ({ route, method })));
const jsonWriteCases = writeCases.filter(({ route, method }) => method !== "DELETE" && route.template !== "/api/catalog/import");
const check = async (what: string, request: RawRequest, expected: readonly number[]) => {
  const response = await send(request);
  findings.check(what, request, response, expected);
  return response;
};
const mismatchesOf = (prefix: string) => findings.mismatches.filter((mismatch) => mismatch.what.startsWith(prefix));

beforeAll(async () => {
  before = await snapshotCatalog();
  // The suite's own valid writes, made as a same-origin browser would: they must succeed.
  const created = [
    await send({ method: "POST", path: "/api/catalog/teams", headers: { ...JSON_TYPE, ...sameOriginHeaders() }, body: JSON.stringify({ slug: own.team, name: TEAM_NAME }) }),
    await send({ method: "POST", path: "/api/catalog/services", headers: JSON_TYPE, body: JSON.stringify({ slug: own.service, name: "Fuzz service", team: own.team }) }),
    await send({ method: "POST", path: "/api/catalog/contracts", headers: JSON_TYPE, body: JSON.stringify({ cluster: "local", topic: own.topic, owner: own.service }) }),
  ];
  expect(created.map((response) => `${response.status} ${response.status === 201 ? "" : response.text.slice(0, 200)}`)).toEqual(["201 ", "201 ", "201 "]);
});

afterAll(() => reportRequestCount("write-bodies"));

describe("fuzz: write route handlers", () => {
  it(`covers every write route found under app/api (${writeCases.length} route × method)`, () => {
    expect(writeCases.map(({ route, method }) => `${method} ${route.template}`)).toEqual(
      expect.arrayContaining(["POST /api/catalog/teams", "PUT /api/catalog/teams/[slug]", "DELETE /api/catalog/teams/[slug]", "POST /api/catalog/import"]),
    );
  });

  it("stored the suite's own unicode team name exactly", async () => {
    const response = await send({ path: `/api/catalog/teams/${encodeURIComponent(own.team)}` });
    expect(response.status).toBe(200);
    expect(response.json.team).toMatchObject({ slug: own.team, name: TEAM_NAME, version: 1 });
  });

  it("refuses JSON values of the wrong type with 422 and the field's error, never coercing them", async () => {
    const cases = ENTITIES.flatMap((entity) =>
      [entity.collection, entity.record].flatMap((template) =>
        Object.entries(entity.fields).map(([field, kinds]) => ({ entity, template, field, kinds })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases).chain((entry) => fc.tuple(fc.constant(entry), jsonOfKinds(entry.kinds))),
        async ([{ entity, template, field }, value]) => {
          const route = byTemplate.get(template)!;
          const isCreate = template === entity.collection;
          const body = { ...(isCreate ? entity.createBody() : entity.updateBody()), [field]: value };
          const request: RawRequest = { method: isCreate ? "POST" : "PUT", path: writePath(route), headers: JSON_TYPE, body: JSON.stringify(body) };
          const response = await check(`wrong type for ${field} ${request.method} ${template}`, request, [422]);
          // The error names the field, or one of its entries ("tags.0").
          const named = Object.entries(response.json?.error?.details?.fieldErrors ?? {}).some(
            ([key, messages]) => (key === field || key.startsWith(`${field}.`)) && Array.isArray(messages) && messages.length > 0,
          );
          if (response.status === 422 && !named) {
            findings.mismatches.push({ what: `wrong type for ${field} ${request.method} ${template}`, request: request.path, status: 422, problem: `details.fieldErrors.${field} missing: ${response.text.slice(0, 160)}` });
          }
        },
      ),
      runs(300),
    );
    // The version of an update is a number too: [1], true and "1" are not 1.
    for (const entity of ENTITIES) {
      for (const version of VERSION_VALUES) {
        const request: RawRequest = { method: "PUT", path: writePath(byTemplate.get(entity.record)!), headers: JSON_TYPE, body: JSON.stringify({ ...entity.updateBody(), version }) };
        await check(`wrong type for version PUT ${entity.record}`, request, [422]);
      }
    }
    expect(mismatchesOf("wrong type"), findings.summary()).toEqual([]);
  });

  it("refuses control characters with 400, over-long text with 422, and a body that is not an object with 422", async () => {
    const textFields = fc.constantFrom(...ENTITIES.flatMap((entity) => [entity.collection, entity.record].flatMap((template) => ["name", "description"].filter((field) => field in entity.fields || field === "description").map((field) => ({ entity, template, field })))));
    await fc.assert(
      fc.asyncProperty(textFields, textWithControl, async ({ entity, template, field }, text) => {
        const isCreate = template === entity.collection;
        const request: RawRequest = { method: isCreate ? "POST" : "PUT", path: writePath(byTemplate.get(template)!), headers: JSON_TYPE, body: JSON.stringify({ ...(isCreate ? entity.createBody() : entity.updateBody()), [field]: text }) };
        await check(`control character in ${field} ${request.method} ${template}`, request, [400]);
      }),
      runs(80),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENTITIES), fc.boolean(), fc.integer({ min: 10_001, max: 100_000 }), async (entity, inName, length) => {
        const field = inName ? "name" : "description";
        const request: RawRequest = { method: "POST", path: entity.collection, headers: JSON_TYPE, body: JSON.stringify({ ...entity.createBody(), [field]: "é".repeat(length) }) };
        if (!(field in entity.fields) && field === "name") return;
        await check(`over-long ${field} POST ${entity.collection}`, request, [422]);
      }),
      runs(20),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...jsonWriteCases), jsonOfKinds(["number", "boolean", "null", "array", "string", "numberArray", "deep"]), async ({ route, method }, body) => {
        await check(`body not an object ${method} ${route.template}`, { method, path: writePath(route), headers: JSON_TYPE, body: JSON.stringify(body) }, [422]);
      }),
      runs(60),
    );
    expect([...mismatchesOf("control character"), ...mismatchesOf("over-long"), ...mismatchesOf("body not an object")], findings.summary()).toEqual([]);
  });

  it("answers 400 to a body that is not JSON and 415 to a content type that is not JSON", async () => {
    const notJson = fc.oneof(
      fc.constantFrom("{nope", "", "{\"slug\":", "[1,]", "\u0000", "{'slug':'x'}", "NaN", "{\"a\":1}{\"b\":2}", "\uFEFF{\"a\"", "undefined"),
      fc.string({ minLength: 1, maxLength: 40 }).map((text) => `{${text}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...jsonWriteCases), notJson, async ({ route, method }, body) => {
        await check(`not JSON ${method} ${route.template}`, { method, path: writePath(route), headers: JSON_TYPE, body }, [400]);
      }),
      runs(60),
    );
    for (const { route, method } of jsonWriteCases) {
      for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]) {
        await check(`content type ${type} ${method} ${route.template}`, { method, path: writePath(route), headers: { "content-type": type }, body: validBody(route, method) }, [415]);
      }
    }
    expect([...mismatchesOf("not JSON"), ...mismatchesOf("content type")], findings.summary()).toEqual([]);
  });

  it("answers 413 to oversized bodies, with or without a Content-Length", async () => {
    const huge = JSON.stringify({ slug: fresh("huge"), name: "Huge", description: "x".repeat(11 * 1024 * 1024) });
    const hugeYaml = `version: 1\nteams:\n  - slug: ${fresh("huge-import")}\n    name: Huge\n    description: "${"y".repeat(11 * 1024 * 1024)}"\n`;
    for (const chunked of [false, true]) {
      for (const { route, method } of writeCases.filter(({ method }) => method !== "DELETE")) {
        const isImport = route.template === "/api/catalog/import";
        const request: RawRequest = { method, path: writePath(route), headers: isImport ? { "content-type": "application/yaml" } : JSON_TYPE, body: isImport ? hugeYaml : huge, chunked, timeoutMs: 60_000 };
        await check(`oversized body${chunked ? " (chunked)" : ""} ${method} ${route.template}`, request, [413]);
      }
    }
    expect(mismatchesOf("oversized"), findings.summary()).toEqual([]);
  });

  it("refuses every write from another origin with 403, whatever the content type, and writes nothing", async () => {
    const contentTypes = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fz"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeCases), fc.constantFrom(...CROSS_SITE_HEADERS), fc.constantFrom(...contentTypes), async ({ route, method }, variant, type) => {
        const body = validBody(route, method);
        const headers = body === undefined ? variant.headers : { ...variant.headers, "content-type": type };
        const path = method === "DELETE" ? `${writePath(route)}?version=1` : writePath(route);
        await check(`cross-site (${variant.label}) ${method} ${route.template}`, { method, path, headers, body }, [403]);
      }),
      runs(250),
    );
    // Every route × method at least once with the plainest cross-site form post.
    for (const { route, method } of writeCases) {
      const body = validBody(route, method);
      await check(`cross-site form post ${method} ${route.template}`, { method, path: writePath(route), headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: body === undefined ? undefined : `payload=${encodeURIComponent(body)}` }, [403]);
    }
    // A malformed path from another origin is still refused, not decoded first into a 5xx.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writeCases.filter(({ route }) => route.dynamicNames.length > 0)), malformedEscape, async ({ route, method }, bad) => {
        const index = route.segments.findIndex((segment) => segment.kind === "dynamic");
        const response = await send({ method, path: buildPath(route, { [index]: bad }), headers: { origin: "https://evil.example", "content-type": "text/plain" }, body: method === "DELETE" ? undefined : "x" });
        findings.check(`cross-site malformed path ${method} ${route.template}`, { method, path: buildPath(route, { [index]: bad }) }, response, [400, 403]);
      }),
      runs(20),
    );
    expect(mismatchesOf("cross-site"), findings.summary()).toEqual([]);
  });

  it("never answered 5xx, and the catalog changed only by the suite's own valid writes", async () => {
    // The suite's records are exactly as created (a write that wrongly succeeded would have bumped a version).
    for (const [path, key] of [
      [`/api/catalog/teams/${own.team}`, "team"],
      [`/api/catalog/services/${own.service}`, "service"],
      [`/api/catalog/contracts/local/${own.topic}`, "contract"],
    ] as const) {
      const response = await send({ path });
      expect(response.status, path).toBe(200);
      expect(response.json[key].version, `${path} was changed by a fuzz case`).toBe(1);
    }
    const deletes = [
      await send({ method: "DELETE", path: `/api/catalog/contracts/local/${own.topic}?version=1`, headers: sameOriginHeaders() }),
      await send({ method: "DELETE", path: `/api/catalog/services/${own.service}?version=1` }),
      await send({ method: "DELETE", path: `/api/catalog/teams/${own.team}?version=1` }),
    ];
    expect(deletes.map((response) => `${response.status}${response.status === 200 ? "" : ` ${response.text.slice(0, 240)}`}`)).toEqual(["200", "200", "200"]);
    const after = await snapshotCatalog();
    console.log(`write fuzz: ${findings.cases} cases checked, ${findings.mismatches.length} not as agreed`);
    if (findings.mismatches.length > 0) console.log(findings.summary());
    expect(findings.mismatches.filter((mismatch) => mismatch.status >= 500), findings.summary()).toEqual([]);
    expect(diffCatalog(before, after, [tag])).toEqual([]);
  });
});
