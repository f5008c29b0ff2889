// Integration (real PostgreSQL): catalog writes with their audit rows, schema history,
// compatibility refusals and delete refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeam, deleteTeam, updateTeam } from "@/lib/catalog/teams";
import { createService, deleteService, updateService } from "@/lib/catalog/services";
import { createContract, deleteContract, updateContract } from "@/lib/catalog/contracts";
import { getContractDetail } from "@/lib/catalog/queries";
import { getTopicCatalogInfo } from "@/lib/catalog/topic-info";
import { openCatalogTestDatabase, readAudit, type CatalogTestDatabase } from "./support/catalog-database";

const orderSchema = {
  type: "object",
  required: ["orderId"],
  properties: { orderId: { type: "string" }, total: { type: "number" } },
};

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

function expectOk<T>(result: { ok: boolean; record?: T } & Record<string, unknown>): T {
  expect(result).toMatchObject({ ok: true });
  return result.record as T;
}

describe("catalog writes", () => {
  it("creates, updates and deletes a team, each with an audit row", async () => {
    const { db } = database;
    const created = expectOk(await createTeam(db, { slug: "crud-team", name: "Crud", email: "crud@shop.example" }, "ana"));
    expect(created).toMatchObject({ slug: "crud-team", name: "Crud", description: "", email: "crud@shop.example", chatChannel: null, version: 1 });

    const updated = expectOk(await updateTeam(db, "crud-team", 1, { slug: "crud-team", name: "Crud Team", email: "" }, "bo"));
    expect(updated).toMatchObject({ name: "Crud Team", email: null, version: 2 });

    expect(await deleteTeam(db, "crud-team", 2, "cy")).toMatchObject({ ok: true });
    expect(await db.team.findUnique({ where: { slug: "crud-team" } })).toBeNull();

    const audit = (await readAudit(db)).filter((entry) => entry.entityKey === "crud-team");
    expect(audit.map(({ actor, action, entityType }) => ({ actor, action, entityType }))).toEqual([
      { actor: "ana", action: "create", entityType: "team" },
      { actor: "bo", action: "update", entityType: "team" },
      { actor: "cy", action: "delete", entityType: "team" },
    ]);
    expect(audit[0]?.before).toBeNull();
    expect(audit[1]?.before).toMatchObject({ name: "Crud", email: "crud@shop.example", version: 1 });
    expect(audit[1]?.after).toMatchObject({ name: "Crud Team", email: null, version: 2 });
    expect(audit[2]?.after).toBeNull();
  });

  it("rejects invalid input with field errors and writes nothing", async () => {
    const { db } = database;
    const before = (await readAudit(db)).length;
    const result = await createTeam(db, { slug: "bad slug", name: "" }, "ana");
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      message: "Some fields need attention",
      fieldErrors: { slug: ["Slug may contain only letters, digits, '.', '_' and '-'"], name: ["Name is required"] },
    });
    expect(await createTeam(db, { slug: "dup-team", name: "Dup" }, "ana")).toMatchObject({ ok: true });
    expect(await createTeam(db, { slug: "dup-team", name: "Again" }, "ana")).toMatchObject({
      ok: false, reason: "invalid", fieldErrors: { slug: ['A team with slug "dup-team" already exists'] },
    });
    expect((await readAudit(db)).length).toBe(before + 1);
  });

  it("creates a service and a contract with declared flows and schema history", async () => {
    const { db } = database;
    expectOk(await createTeam(db, { slug: "shop", name: "Shop" }, "ana"));
    expectOk(await createService(db, { slug: "checkout", name: "Checkout", team: "shop", consumerGroups: ["checkout-svc"] }, "ana"));
    const contract = expectOk(
      await createContract(db, { topic: "checkout.done", owner: "checkout", valueSchema: orderSchema, retentionMs: 86_400_000, partitions: 3 }, "ana"),
    );
    expect(contract).toMatchObject({ cluster: "local", topic: "checkout.done", owner: "checkout", retentionMs: 86_400_000, partitions: 3, version: 1 });

    expect(
      await createService(db, { slug: "mailer", name: "Mailer", team: "shop", flows: [{ direction: "consumes", topic: "nope.topic" }] }, "ana"),
    ).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { "flows.0.topic": ["There is no contract for local/nope.topic; create the contract first"] } });
    expect(
      await createService(db, { slug: "mailer", name: "Mailer", team: "shop", consumerGroups: ["checkout-svc"] }, "ana"),
    ).toMatchObject({ ok: false, fieldErrors: { consumerGroups: ['"checkout-svc" already belongs to service "checkout"'] } });

    const mailer = expectOk(
      await createService(db, { slug: "mailer", name: "Mailer", team: "shop", flows: [{ direction: "consumes", topic: "checkout.done", purpose: "sends receipts" }] }, "ana"),
    );
    expect(mailer).toMatchObject({ flows: [{ direction: "consumes", cluster: "local", topic: "checkout.done", purpose: "sends receipts" }] });

    const info = await getTopicCatalogInfo("local", "checkout.done", db);
    expect(info?.owner).toMatchObject({ slug: "checkout", team: { slug: "shop", name: "Shop" } });
    expect(info?.consumers).toEqual([{ slug: "mailer", name: "Mailer", purpose: "sends receipts", consumerGroups: [] }]);
    expect(info?.producers).toEqual([]);
    expect(info?.latestSchemaVersion).toMatchObject({ number: 1, author: "ana" });
    expect(await getTopicCatalogInfo("local", "unknown.topic", db)).toBeNull();
  });

  it("flags a breaking schema change, saves it only when accepted, and keeps every schema version", async () => {
    const { db } = database;
    const key = { cluster: "local", topic: "checkout.done" };
    const breaking = { ...orderSchema, required: ["orderId", "total"] };
    const base = { topic: "checkout.done", owner: "checkout", valueSchema: breaking, retentionMs: 86_400_000, partitions: 3 };

    const refusedResult = await updateContract(db, key, 1, base, "bo");
    expect(refusedResult).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { valueSchema: ['Breaks backward compatibility: backward: /properties/total property "total" is newly required'] },
    });
    expect((await getContractDetail(db, "local", "checkout.done"))?.version).toBe(1);

    const saved = expectOk(await updateContract(db, key, 1, base, "bo", { acceptBreakingChanges: true }));
    expect(saved).toMatchObject({ version: 2, valueSchema: breaking });
    // A change without schema change adds no schema version.
    expectOk(await updateContract(db, key, 2, { ...base, description: "done checkouts" }, "cy"));

    const detail = await getContractDetail(db, "local", "checkout.done");
    expect(detail?.schemaVersions.map(({ number, author, valueSchema }) => ({ number, author, valueSchema }))).toEqual([
      { number: 2, author: "bo", valueSchema: breaking },
      { number: 1, author: "ana", valueSchema: orderSchema },
    ]);
    const actions = (await readAudit(db)).filter((entry) => entry.entityKey === "local/checkout.done").map((entry) => `${entry.actor} ${entry.action}`);
    expect(actions).toEqual(["ana create", "bo update (breaking schema change accepted)", "cy update"]);
  });

  it("refuses to delete a team that owns services and a service that owns contracts", async () => {
    const { db } = database;
    expect(await deleteTeam(db, "shop", null, "ana")).toEqual({
      ok: false,
      reason: "refused",
      message: 'Team "shop" still owns 2 services (checkout, mailer). Move them to another team or delete them first.',
    });
    expect(await deleteService(db, "checkout", null, "ana")).toEqual({
      ok: false,
      reason: "refused",
      message: 'Service "checkout" owns 1 topic contract (local/checkout.done). Give them another owner or delete them first.',
    });
    expect(await db.service.count({ where: { team: { slug: "shop" } } })).toBe(2);
  });

  it("deletes a contract (with its flows) and then the services and the team", async () => {
    const { db } = database;
    const contract = await getContractDetail(db, "local", "checkout.done");
    expect(await deleteContract(db, { cluster: "local", topic: "checkout.done" }, contract!.version, "ana")).toMatchObject({ ok: true });
    expect(await db.declaredFlow.count()).toBe(0);
    expect(await db.schemaVersion.count()).toBe(0);
    const mailer = await db.service.findUniqueOrThrow({ where: { slug: "mailer" } });
    // The contract's removal changed mailer's flows but not its row; its version is what the editor saw.
    expect(await deleteService(db, "mailer", mailer.version, "ana")).toMatchObject({ ok: true });
    expect(await deleteService(db, "checkout", null, "ana")).toMatchObject({ ok: true });
    expect(await deleteTeam(db, "shop", null, "ana")).toMatchObject({ ok: true });
    const last = (await readAudit(db)).slice(-4).map((entry) => `${entry.action} ${entry.entityType} ${entry.entityKey}`);
    expect(last).toEqual(["delete contract local/checkout.done", "delete service mailer", "delete service checkout", "delete team shop"]);
  });

  it("reports not-found for updates and deletes of missing records", async () => {
    const { db } = database;
    expect(await updateTeam(db, "ghost", 1, { slug: "ghost", name: "Ghost" }, "ana")).toEqual({ ok: false, reason: "not-found", message: 'There is no team "ghost"' });
    expect(await deleteService(db, "ghost", null, "ana")).toEqual({ ok: false, reason: "not-found", message: 'There is no service "ghost"' });
    expect(await updateService(db, "ghost", 1, { slug: "ghost", name: "G", team: "dup-team" }, "ana")).toMatchObject({ reason: "not-found" });
  });
});
