// Integration (real PostgreSQL): the YAML catalog import (validate all, dry-run diff, one
// transaction, idempotent) and export (same format; export → import is a no-op).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCatalog, importCatalogFile } from "@/lib/catalog/import";
import { exportCatalogYaml } from "@/lib/catalog/export";
import { openCatalogTestDatabase, readAudit, type CatalogTestDatabase } from "./support/catalog-database";

const DEMO = "prisma/demo-catalog.yaml";
const demoText = readFileSync(DEMO, "utf8");

async function countRows(database: CatalogTestDatabase) {
  const { db } = database;
  return {
    teams: await db.team.count(),
    services: await db.service.count(),
    contracts: await db.topicContract.count(),
    flows: await db.declaredFlow.count(),
    schemaVersions: await db.schemaVersion.count(),
    audit: await db.auditEntry.count(),
  };
}

let main: CatalogTestDatabase;
let other: CatalogTestDatabase;
beforeAll(async () => {
  main = await openCatalogTestDatabase();
  other = await openCatalogTestDatabase();
});
afterAll(async () => {
  await main?.close();
  await other?.close();
});

describe("importing the demo catalog", () => {
  it("previews the full diff in a dry run without writing anything", async () => {
    const result = await importCatalogFile(main.db, DEMO, { actor: "test", dryRun: true });
    expect(result).toMatchObject({ ok: true, applied: false, plan: { counts: { create: 31, update: 0, unchanged: 0, delete: 0 }, warnings: [] } });
    expect(await countRows(main)).toEqual({ teams: 0, services: 0, contracts: 0, flows: 0, schemaVersions: 0, audit: 0 });
  });

  it("imports cleanly: the demo topology, with schema history and one audit row per entity plus the import", async () => {
    const result = await importCatalogFile(main.db, DEMO, { actor: "demo-seed" });
    expect(result).toMatchObject({ ok: true, applied: true, plan: { counts: { create: 31 } } });
    expect(await countRows(main)).toEqual({ teams: 4, services: 7, contracts: 6, flows: 14, schemaVersions: 6, audit: 4 + 7 + 6 + 1 });

    const groups = await main.db.service.findMany({ select: { slug: true, consumerGroups: true }, orderBy: { slug: "asc" } });
    expect(Object.fromEntries(groups.map((service) => [service.slug, service.consumerGroups]))).toEqual({
      analytics: ["analytics-etl"],
      "fraud-detection": ["fraud-detection"],
      inventory: ["inventory-service"],
      notifications: ["notifications-service"],
      orders: [],
      payments: ["payments-service"],
      shipping: ["shipping-service"],
    });
    expect(groups.flatMap((service) => service.consumerGroups)).not.toContain("legacy-reporting");

    const contracts = await main.db.topicContract.findMany({ select: { topic: true, partitions: true, ownerService: { select: { slug: true } } }, orderBy: { topic: "asc" } });
    expect(contracts.map((contract) => `${contract.topic}:${contract.partitions}:${contract.ownerService.slug}`)).toEqual([
      "inventory.low-stock:1:inventory",
      "inventory.reserved:3:inventory",
      "notifications.sent:1:notifications",
      "orders.created:6:orders",
      "payments.authorized:3:payments",
      "shipments.dispatched:2:shipping",
    ]);
    const flows = await main.db.declaredFlow.findMany({ include: { service: true, contract: true } });
    const consumersOf = (topic: string) =>
      flows.filter((flow) => flow.contract.topic === topic && flow.direction === "consumes").map((flow) => flow.service.slug).sort();
    expect(consumersOf("orders.created")).toEqual(["analytics", "fraud-detection", "inventory", "payments"]);
    expect(consumersOf("payments.authorized")).toEqual(["analytics", "shipping"]);
    expect(consumersOf("inventory.low-stock")).toEqual([]);
  });

  it("is idempotent: importing the same file again changes nothing and audits nothing", async () => {
    const before = await countRows(main);
    const result = await importCatalogFile(main.db, DEMO, { actor: "demo-seed" });
    expect(result).toMatchObject({ ok: true, applied: false, plan: { counts: { create: 0, update: 0, unchanged: 31, delete: 0 } } });
    expect(await countRows(main)).toEqual(before);
  });

  it("round-trips: export → import into an empty database → export gives the same file, and re-import is a no-op", async () => {
    const exported = await exportCatalogYaml(main.db);
    expect(await importCatalog(main.db, exported, { actor: "test" })).toMatchObject({ ok: true, applied: false, plan: { counts: { unchanged: 31 } } });
    expect(await importCatalog(other.db, exported, { actor: "test" })).toMatchObject({ ok: true, applied: true, plan: { counts: { create: 31 } } });
    expect(await exportCatalogYaml(other.db)).toBe(exported);
  });
});

describe("all or nothing", () => {
  it("lists every problem with its path and writes nothing when one entry is bad", async () => {
    const before = await countRows(main);
    const bad = demoText
      .replace("name: Trust & Safety", "name: Trust & Safety (renamed)")
      .replace("topic: inventory.low-stock\n    owner: inventory", "topic: inventory low stock\n    owner: inventory")
      .replace("team: data-platform", "team: no-such-team");
    const result = await importCatalog(main.db, bad, { actor: "test" });
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      errors: [
        { path: "contracts[3].topic", message: "Topic name may contain only letters, digits, '.', '_' and '-'" },
        // The other valid entries are still checked against the file and the database.
        { path: "services[6].team", message: 'There is no team "no-such-team"' },
      ],
    });

    const onlyReference = demoText.replace("name: Trust & Safety", "name: Trust & Safety (renamed)").replace("team: data-platform", "team: no-such-team");
    expect(await importCatalog(main.db, onlyReference, { actor: "test" })).toEqual({
      ok: false,
      reason: "invalid",
      errors: [{ path: "services[6].team", message: 'There is no team "no-such-team"' }],
    });
    expect(await countRows(main)).toEqual(before);
    expect((await main.db.team.findUniqueOrThrow({ where: { slug: "trust" } })).name).toBe("Trust & Safety");
  });

  it("rolls back everything when the database rejects a write half-way through the apply", async () => {
    const { db } = main;
    // A real failure inside the transaction, after the teams are written: the database refuses one service.
    await db.$executeRawUnsafe(`CREATE FUNCTION reject_doomed() RETURNS trigger AS $$
      BEGIN IF NEW.slug = 'doomed' THEN RAISE EXCEPTION 'refusing service doomed'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`CREATE TRIGGER reject_doomed BEFORE INSERT ON "Service" FOR EACH ROW EXECUTE FUNCTION reject_doomed()`);
    const before = await countRows(main);
    const file = [
      "teams:",
      "  - { slug: newcomers, name: Newcomers }",
      "  - { slug: trust, name: Trust renamed }",
      "services:",
      "  - { slug: fine, name: Fine, team: newcomers }",
      "  - { slug: doomed, name: Doomed, team: newcomers }",
    ].join("\n");
    await expect(importCatalog(db, file, { actor: "test" })).rejects.toThrow(/refusing service doomed/);
    expect(await countRows(main)).toEqual(before);
    expect(await db.team.findUnique({ where: { slug: "newcomers" } })).toBeNull();
    expect((await db.team.findUniqueOrThrow({ where: { slug: "trust" } })).name).toBe("Trust & Safety");
    await db.$executeRawUnsafe(`DROP TRIGGER reject_doomed ON "Service"`);
  });
});

describe("the dry-run diff", () => {
  it("shows field changes, flow deletions, breaking-schema warnings and what the file leaves alone", async () => {
    const changed = demoText
      .replace("tier: low", "tier: medium")
      .replace("      threshold: 5\n", "      threshold: 5\n      reorderQuantity: 20\n")
      .replace("  - { service: analytics, direction: consumes, topic: payments.authorized, purpose: Loads payments into the warehouse }\n", "")
      .replace("required: [sku, warehouse, available, threshold, detectedAt]", "required: [sku, warehouse, available, threshold, detectedAt, reorderQuantity]")
      .replace(/\nteams:\n(?:.*\n)*?(?=\nservices:)/, "\nteams:\n  - { slug: commerce, name: Commerce, description: \"Checkout, orders and payments.\", email: commerce@shop.example, chatChannel: \"#team-commerce\", oncallUrl: \"https://oncall.shop.example/schedules/commerce\" }\n");
    const auditBefore = (await readAudit(main.db)).length;
    const result = await importCatalog(main.db, changed, { actor: "test", dryRun: true });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const notUnchanged = result.plan.changes.filter((change) => change.action !== "unchanged");
    expect(notUnchanged).toEqual([
      { entityType: "service", key: "analytics", action: "update", changes: [{ field: "tier", before: "low", after: "medium" }] },
      expect.objectContaining({ entityType: "contract", key: "local/inventory.low-stock", action: "update" }),
      { entityType: "flow", key: "analytics consumes local/payments.authorized", action: "delete", changes: [] },
    ]);
    expect(result.plan.warnings).toEqual([
      'local/inventory.low-stock: breaks backward compatibility: backward: /properties/reorderQuantity property "reorderQuantity" is newly required',
    ]);
    expect(result.plan.notInFile).toEqual({ teams: ["data-platform", "fulfilment", "trust"], services: [], contracts: [] });
    expect((await readAudit(main.db)).length).toBe(auditBefore);
  });
});
