// Integration (real PostgreSQL): optimistic concurrency. Two editors start from the same version;
// the second save is refused with the current record, and nothing is overwritten silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, updateTeam } from "@/lib/catalog/teams";
import { createService, updateService, deleteService } from "@/lib/catalog/services";
import { createContract, updateContract } from "@/lib/catalog/contracts";
import { openCatalogTestDatabase, readAudit, type CatalogTestDatabase } from "./support/catalog-database";

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
  const { db } = database;
  await createTeam(db, { slug: "payments-team", name: "Payments" }, "setup");
  await createService(db, { slug: "ledger", name: "Ledger", team: "payments-team" }, "setup");
  await createContract(db, { topic: "ledger.entries", owner: "ledger" }, "setup");
});
afterAll(async () => {
  await database?.close();
});

describe("optimistic concurrency", () => {
  it("lets exactly one of two simultaneous saves of the same version win", async () => {
    const { db } = database;
    const [first, second] = await Promise.all([
      updateTeam(db, "payments-team", 1, { slug: "payments-team", name: "Payments (Ana)" }, "ana"),
      updateTeam(db, "payments-team", 1, { slug: "payments-team", name: "Payments (Bo)" }, "bo"),
    ]);
    const results = [first, second];
    const winners = results.filter((result) => result.ok);
    const losers = results.filter((result) => !result.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);

    const winner = winners[0]!;
    const loser = losers[0]!;
    if (!winner.ok || loser.ok || loser.reason !== "conflict") throw new Error("expected one save and one conflict");
    // The conflict carries the record as the winner left it, so the form can show what changed.
    expect(loser.current).toMatchObject({ name: winner.record.name, version: 2 });
    expect(loser.message).toBe('Team "payments-team" was changed by someone else while you were editing (now at version 2). Nothing was saved.');

    const stored = await db.team.findUniqueOrThrow({ where: { slug: "payments-team" } });
    expect(stored.name).toBe(winner.record.name);
    expect(stored.version).toBe(2);
    const updates = (await readAudit(db)).filter((entry) => entry.entityKey === "payments-team" && entry.action === "update");
    expect(updates).toHaveLength(1);
  });

  it("refuses a save from a stale version, for services and contracts too", async () => {
    const { db } = database;
    const fresh = await updateService(db, "ledger", 1, { slug: "ledger", name: "Ledger v2", team: "payments-team", tier: "high" }, "ana");
    expect(fresh).toMatchObject({ ok: true, record: { version: 2, tier: "high" } });
    const stale = await updateService(db, "ledger", 1, { slug: "ledger", name: "Ledger (stale tab)", team: "payments-team" }, "bo");
    expect(stale).toMatchObject({ ok: false, reason: "conflict", current: { name: "Ledger v2", tier: "high", version: 2 } });

    expect(await updateContract(db, { cluster: "local", topic: "ledger.entries" }, 1, { topic: "ledger.entries", owner: "ledger", description: "a" }, "ana")).toMatchObject({ ok: true });
    expect(await updateContract(db, { cluster: "local", topic: "ledger.entries" }, 1, { topic: "ledger.entries", owner: "ledger", description: "b" }, "bo")).toMatchObject({
      ok: false,
      reason: "conflict",
      current: { description: "a", version: 2 },
    });
    expect(await deleteService(db, "ledger", 1, "bo")).toMatchObject({ ok: false, reason: "conflict", current: { version: 2 } });
  });
});
