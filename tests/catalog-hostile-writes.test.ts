// Integration (real PostgreSQL, and the running app's API): hostile catalog writes (issue 10).
// Control characters are malformed (400) and never reach the database, over-long strings and
// wrong JSON types are 422, a contract must name a configured cluster, an alias bomb is refused
// at once, and a write or import that fails late leaves every row as it was.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, deleteTeam, updateTeam } from "@/lib/catalog/teams";
import { createService, deleteService, updateService } from "@/lib/catalog/services";
import { createContract, deleteContract, updateContract } from "@/lib/catalog/contracts";
import { importCatalog } from "@/lib/catalog/import";
import { getTeam } from "@/lib/catalog/teams";
import { getContractDetail, getServiceDetail } from "@/lib/catalog/queries";
import { fromContractForm } from "@/lib/validation/catalog-forms";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";
import { stack } from "./support/live-stack";

const NUL = "\u0000";
let database: CatalogTestDatabase;

/** Every catalog table's rows, for "nothing changed" assertions that also see updates. */
async function snapshot() {
  const { db } = database;
  return {
    teams: await db.team.findMany({ orderBy: { slug: "asc" } }),
    services: await db.service.findMany({ orderBy: { slug: "asc" } }),
    contracts: await db.topicContract.findMany({ orderBy: { topic: "asc" } }),
    flows: await db.declaredFlow.findMany({ orderBy: { id: "asc" } }),
    schemaVersions: await db.schemaVersion.count(),
    audit: await db.auditEntry.count(),
  };
}

beforeAll(async () => {
  database = await openCatalogTestDatabase();
  const { db } = database;
  // A small catalog the hostile writes aim at.
  expect(await createTeam(db, { slug: "shop", name: "Shop" }, "setup")).toMatchObject({ ok: true });
  expect(await createService(db, { slug: "orders", name: "Orders", team: "shop", consumerGroups: ["orders-svc"] }, "setup")).toMatchObject({ ok: true });
  expect(await createContract(db, { topic: "orders.created", owner: "orders", partitions: 3, valueSchema: { type: "object" } }, "setup")).toMatchObject({ ok: true });
  expect(
    await createService(db, { slug: "billing", name: "Billing", team: "shop", flows: [{ direction: "consumes", topic: "orders.created", purpose: "invoices" }] }, "setup"),
  ).toMatchObject({ ok: true });
});
afterAll(async () => {
  await database?.close();
});

describe("control characters: malformed, named, and nothing written", () => {
  it("refuses them in every kind of field of every write, before the database sees them", async () => {
    const { db } = database;
    const before = await snapshot();
    const attempts = [
      ["team name", await createTeam(db, { slug: "ctl", name: `A${NUL}` }, "x"), "name", "Name contains a control character (U+0000 at character 2)"],
      ["team slug", await createTeam(db, { slug: `ctl${NUL}`, name: "A" }, "x"), "slug", "Slug contains a control character (U+0000 at character 4)"],
      ["team email", await createTeam(db, { slug: "ctl", name: "A", email: `a\u0007@b.example` }, "x"), "email", "Email contains a control character (U+0007 at character 2)"],
      ["team description (update)", await updateTeam(db, "shop", 1, { slug: "shop", name: "Shop", description: `x${NUL}y` }, "x"), "description", "Description contains a control character (U+0000 at character 2)"],
      ["service tag", await createService(db, { slug: "ctl", name: "A", team: "shop", tags: [`t\u001b`] }, "x"), "tags.0", "Tags contains a control character (U+001B at character 2)"],
      ["consumer group id", await updateService(db, "orders", 1, { slug: "orders", name: "Orders", team: "shop", consumerGroups: [`g\u0085`] }, "x"), "consumerGroups.0", "Consumer groups contains a control character (U+0085 at character 2)"],
      ["flow purpose", await updateService(db, "billing", 1, { slug: "billing", name: "Billing", team: "shop", flows: [{ direction: "consumes", topic: "orders.created", purpose: `a${NUL}` }] }, "x"), "flows.0.purpose", "Purpose contains a control character (U+0000 at character 2)"],
      ["repository URL", await createService(db, { slug: "ctl", name: "A", team: "shop", repositoryUrl: `https://git.example/\u007f` }, "x"), "repositoryUrl", "URL contains a control character (U+007F at character 21)"],
      ["contract topic", await createContract(db, { topic: `t${NUL}`, owner: "orders" }, "x"), "topic", "Topic name contains a control character (U+0000 at character 2)"],
      ["schema property name", await updateContract(db, { cluster: "local", topic: "orders.created" }, 1, { topic: "orders.created", owner: "orders", valueSchema: { type: "object", properties: { [`id${NUL}`]: { type: "string" } } } }, "x"), "valueSchema", "Value schema: a property name contains a control character (U+0000 at character 3)"],
      ["example text", await createContract(db, { topic: "ctl.t", owner: "orders", exampleMessage: { note: `a${NUL}` } }, "x"), "exampleMessage", "Example message: a text value contains a control character (U+0000 at character 2)"],
      ["schema text typed in the form", await createContract(db, fromContractForm({ topic: "ctl.t", owner: "orders", valueSchema: `{"type":"object","title":"a${NUL}"}` }), "x"), "valueSchema", "Value schema: a text value contains a control character (U+0000 at character 28)"],
      ["slug in the URL (delete)", await deleteTeam(db, `shop${NUL}`, null, "x"), "slug", "Slug contains a control character (U+0000 at character 5)"],
      ["slug in the URL (service delete)", await deleteService(db, `orders${NUL}`, null, "x"), "slug", "Slug contains a control character (U+0000 at character 7)"],
      ["topic in the URL (delete)", await deleteContract(db, { cluster: "local", topic: `orders.created${NUL}` }, null, "x"), "topic", "Topic contains a control character (U+0000 at character 15)"],
    ] as const;
    for (const [what, result, field, message] of attempts) {
      expect({ what, result }).toEqual({ what, result: { ok: false, reason: "malformed", message, fieldErrors: { [field]: [message] } } });
    }
    // Reads with such keys find nothing instead of failing in PostgreSQL.
    expect(await getTeam(db, `shop${NUL}`)).toBeNull();
    expect(await getServiceDetail(db, `orders${NUL}`)).toBeNull();
    expect(await getContractDetail(db, "local", `orders.created${NUL}`)).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a catalog file with control characters (raw or escaped) as malformed, writing nothing", async () => {
    const { db } = database;
    const before = await snapshot();
    expect(await importCatalog(db, `teams:\n  - { slug: newteam, name: "A${NUL}" }\n`, { actor: "x" })).toEqual({
      ok: false, reason: "malformed", errors: [{ path: "line 2, column 30", message: "The file contains a control character (U+0000)" }],
    });
    expect(await importCatalog(db, 'teams:\n  - { slug: newteam, name: "A\\0" }\n', { actor: "x" })).toEqual({
      ok: false, reason: "malformed", errors: [{ path: "teams[0].name", message: "The value contains a control character (U+0000 at character 2)" }],
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("lengths and types", () => {
  it("refuses over-long strings with 422 field errors", async () => {
    const { db } = database;
    const before = await snapshot();
    expect(await createTeam(db, { slug: "s".repeat(250), name: "n".repeat(121), description: "d".repeat(4001), chatChannel: "c".repeat(101) }, "x")).toEqual({
      ok: false,
      reason: "invalid",
      message: "Some fields need attention",
      fieldErrors: {
        slug: ["Slug must be at most 249 characters"],
        name: ["Name must be at most 120 characters"],
        description: ["Description must be at most 4000 characters"],
        chatChannel: ["Chat channel must be at most 100 characters"],
      },
    });
    expect(await createContract(db, { topic: "long.schema", owner: "orders", valueSchema: { type: "object", description: "x".repeat(256 * 1024) } }, "x")).toMatchObject({
      ok: false, reason: "invalid", fieldErrors: { valueSchema: ["Value schema must be at most 256 KiB as JSON text"] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses [3] and \"3\" for a version and for a number field, changing nothing", async () => {
    const { db } = database;
    const before = await snapshot();
    for (const version of [[3], "1", { version: 1 }]) {
      expect(await updateTeam(db, "shop", version, { slug: "shop", name: "Renamed" }, "x")).toEqual({
        ok: false, reason: "invalid", message: "Some fields need attention", fieldErrors: { version: ["version must be a positive whole number"] },
      });
    }
    expect(await updateContract(db, { cluster: "local", topic: "orders.created" }, 1, { topic: "orders.created", owner: "orders", partitions: [3] }, "x")).toMatchObject({
      ok: false, reason: "invalid", fieldErrors: { partitions: ["Partitions must be a whole number"] },
    });
    expect(await createService(db, { slug: "typed", name: "Typed", team: "shop", consumerGroups: "a,b" }, "x")).toMatchObject({
      ok: false, reason: "invalid", fieldErrors: { consumerGroups: ["Consumer groups must be a list of text"] },
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("contracts must name a configured cluster", () => {
  const message = 'Cluster "nowhere" is not configured on this server (configured: local)';

  it("in a write from the API or a form, and in an import", async () => {
    const { db } = database;
    const before = await snapshot();
    expect(await createContract(db, { cluster: "nowhere", topic: "far.away", owner: "orders" }, "x")).toEqual({
      ok: false, reason: "invalid", message: "Some fields need attention", fieldErrors: { cluster: [message] },
    });
    // What the contract form's server action passes: its text through fromContractForm.
    expect(await createContract(db, fromContractForm({ cluster: "nowhere", topic: "far.away", owner: "orders", partitions: "3", valueSchema: "" }), "x")).toMatchObject({
      ok: false, reason: "invalid", fieldErrors: { cluster: [message] },
    });
    const file = "contracts:\n  - { cluster: nowhere, topic: far.away, owner: orders }\n  - { cluster: local, topic: near.by, owner: orders }\n";
    for (const dryRun of [true, false]) {
      expect(await importCatalog(db, file, { actor: "x", dryRun })).toEqual({ ok: false, reason: "invalid", errors: [{ path: "contracts[0].cluster", message }] });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("YAML bounds", () => {
  it("refuses an alias bomb with a clear problem in well under a second, writing nothing", async () => {
    const { db } = database;
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let level = 1; level < 10; level++) {
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + level)}`).join(", ")}]`);
    }
    const bomb = `${levels.join("\n")}\nteams:\n  - { slug: bomb, name: *j }\n`;
    const before = await snapshot();
    const started = performance.now();
    const result = await importCatalog(db, bomb, { actor: "x" });
    const elapsedMs = performance.now() - started;
    console.log(`[catalog-hostile-writes] alias bomb (9^10 nodes if expanded) refused in ${elapsedMs.toFixed(1)} ms`);
    expect(result).toEqual({
      ok: false, reason: "invalid", errors: [{ path: "line 2, column 8", message: "Aliases (*a) are not allowed in a catalog file; write the value out" }],
    });
    expect(elapsedMs).toBeLessThan(1000);
    expect(await snapshot()).toEqual(before);
  });
});

describe("all or nothing", () => {
  async function withTrigger(table: string, condition: string, run: () => Promise<void>) {
    const { db } = database;
    const name = `fail_${randomBytes(4).toString("hex")}`;
    await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger AS $$
      BEGIN IF ${condition} THEN RAISE EXCEPTION 'late failure ${name}'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION ${name}()`);
    try {
      await run();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
      await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    }
  }

  it("an import whose very last write fails (the import's own audit row) changes no row", async () => {
    const { db } = database;
    const file = [
      "teams:",
      "  - { slug: shop, name: Shop renamed }",
      "  - { slug: late, name: Late }",
      "services:",
      "  - { slug: billing, name: Billing, team: late, consumerGroups: [billing-svc] }",
      "contracts:",
      "  - { cluster: local, topic: orders.created, owner: orders, partitions: 12, valueSchema: { type: object, required: [id] } }",
      "  - { cluster: local, topic: invoices.sent, owner: billing, valueSchema: { type: object } }",
      "flows:",
      "  - { service: billing, direction: produces, topic: invoices.sent }",
      "",
    ].join("\n");
    // The plan is sound: a dry run would apply 1 team create, updates and a flow change.
    expect(await importCatalog(db, file, { actor: "x", dryRun: true })).toMatchObject({ ok: true, applied: false });
    const before = await snapshot();
    await withTrigger("AuditEntry", "NEW.action = 'import'", async () => {
      await expect(importCatalog(db, file, { actor: "x" })).rejects.toThrow(/late failure/);
    });
    expect(await snapshot()).toEqual(before);
    expect((await getTeam(db, "shop"))?.name).toBe("Shop");
    expect((await getServiceDetail(db, "billing"))?.flows).toEqual([{ direction: "consumes", cluster: "local", topic: "orders.created", purpose: "invoices" }]);
  });

  it("a service update whose audit row fails keeps the service, its flows and its consumer groups", async () => {
    const { db } = database;
    const before = await snapshot();
    await withTrigger("AuditEntry", "NEW.\"entityType\" = 'service'", async () => {
      await expect(
        updateService(db, "billing", 1, { slug: "billing", name: "Billing 2", team: "shop", consumerGroups: ["billing-2"], flows: [] }, "x"),
      ).rejects.toThrow(/late failure/);
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("through the running app's API", () => {
  const slug = `hostile-${randomBytes(3).toString("hex")}`;
  const call = async (method: string, path: string, body?: unknown, contentType = "application/json") => {
    const response = await fetch(`${stack.appUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": contentType },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null };
  };

  it("answers 400 for control characters, 422 for [3] and for an unknown cluster, and writes nothing", async () => {
    expect((await call("POST", "/api/catalog/teams", { slug, name: "Hostile" })).status).toBe(201);

    const nul = await call("POST", "/api/catalog/teams", { slug: `${slug}-2`, name: `A${NUL}B` });
    expect({ status: nul.status, code: nul.json?.error?.code, message: nul.json?.error?.message }).toEqual({
      status: 400, code: "bad_request", message: "Name contains a control character (U+0000 at character 2)",
    });
    expect((await call("GET", `/api/catalog/teams/${slug}-2`)).status).toBe(404);

    const typed = await call("PUT", `/api/catalog/teams/${slug}`, { slug, name: "Renamed", version: [1] });
    // The route's own body schema or the domain refuses it; either way a 422 on `version`.
    expect({ status: typed.status, code: typed.json?.error?.code, fields: Object.keys((typed.json?.error?.details?.fieldErrors ?? {}) as object) }).toEqual({
      status: 422, code: "unprocessable", fields: ["version"],
    });
    expect((await call("GET", `/api/catalog/teams/${slug}`)).json).toMatchObject({ team: { name: "Hostile", version: 1 } });

    const cluster = await call("POST", "/api/catalog/contracts", { cluster: "nowhere", topic: `${slug}.t`, owner: "orders" });
    expect({ status: cluster.status, fieldErrors: cluster.json?.error?.details?.fieldErrors }).toEqual({
      status: 422, fieldErrors: { cluster: ['Cluster "nowhere" is not configured on this server (configured: local)'] },
    });

    const yaml = await call("POST", "/api/catalog/import", `teams:\n  - { slug: ${slug}-3, name: "A\\0" }\n`, "application/yaml");
    expect({ status: yaml.status, code: yaml.json?.error?.code }).toEqual({ status: 400, code: "bad_request" });
    expect((await call("GET", `/api/catalog/teams/${slug}-3`)).status).toBe(404);

    expect((await call("DELETE", `/api/catalog/teams/${slug}?version=1`)).status).toBe(200);
  });
});
