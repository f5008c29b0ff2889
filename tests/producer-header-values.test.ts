// Integration (real PostgreSQL): a service's producer header values through the catalog writes,
// the one-service-per-value rule, and the YAML export → import round trip.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam } from "@/lib/catalog/teams";
import { createService, updateService } from "@/lib/catalog/services";
import { exportCatalogYaml } from "@/lib/catalog/export";
import { importCatalog } from "@/lib/catalog/import";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
  await createTeam(database.db, { slug: "shop", name: "Shop" }, "setup");
});
afterAll(async () => {
  await database?.close();
});

describe("producer header values in the catalog", () => {
  it("stores them (trimmed, without repeats) and defaults to none", async () => {
    const { db } = database;
    const created = await createService(db, { slug: "payments", name: "Payments", team: "shop", producerHeaderValues: [" payments-v2", "payments-batch", "payments-v2"] }, "ana");
    expect(created).toMatchObject({ ok: true, record: { producerHeaderValues: ["payments-v2", "payments-batch"], version: 1 } });
    expect(await createService(db, { slug: "ledger", name: "Ledger", team: "shop" }, "ana")).toMatchObject({ ok: true, record: { producerHeaderValues: [] } });
    const row = await db.service.findUniqueOrThrow({ where: { slug: "payments" }, select: { producerHeaderValues: true } });
    expect(row.producerHeaderValues).toEqual(["payments-v2", "payments-batch"]);
  });

  it("refuses a value another service already writes, naming it", async () => {
    const { db } = database;
    expect(await updateService(db, "ledger", 1, { slug: "ledger", name: "Ledger", team: "shop", producerHeaderValues: ["ledger", "payments-batch"] }, "bo")).toEqual({
      ok: false,
      reason: "invalid",
      message: "Some fields need attention",
      fieldErrors: { producerHeaderValues: ['"payments-batch" already belongs to service "payments"'] },
    });
    expect(await updateService(db, "ledger", 1, { slug: "ledger", name: "Ledger", team: "shop", producerHeaderValues: ["two words"] }, "bo")).toMatchObject({
      ok: false,
      fieldErrors: { "producerHeaderValues.0": ["Producer header values cannot contain spaces or commas"] },
    });
  });

  it("round-trips through the YAML export and import", async () => {
    const { db } = database;
    const exported = await exportCatalogYaml(db);
    expect(exported).toContain("producerHeaderValues:\n      - payments-v2\n      - payments-batch\n");
    // ledger has none: the key is left out (import defaults it to []).
    expect(exported.split("slug: ledger")[1]!.split("- slug: payments")[0]).not.toContain("producerHeaderValues");
    expect(await importCatalog(db, exported, { actor: "test", clusters: ["local"] })).toMatchObject({ ok: true, applied: false, plan: { counts: { update: 0 } } });

    const changed = exported.replace("      - payments-batch\n", "      - payments-nightly\n");
    const result = await importCatalog(db, changed, { actor: "test", clusters: ["local"] });
    expect(result).toMatchObject({ ok: true, applied: true, plan: { counts: { update: 1 } } });
    const row = await db.service.findUniqueOrThrow({ where: { slug: "payments" }, select: { producerHeaderValues: true, version: true } });
    expect(row).toEqual({ producerHeaderValues: ["payments-v2", "payments-nightly"], version: 2 });
  });
});
