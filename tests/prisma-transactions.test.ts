// Integration (real PostgreSQL, Prisma's pg adapter): a catalog write reads its record back with
// its team and its flows inside the write's transaction. Prisma loads those two relations at once
// (prisma/orm#29407), on the transaction's one connection: node-postgres 8 warns that this "will be
// removed in pg@9.0", where it becomes an error. lib/serial-pg-client.ts queues them instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createService } from "@/lib/catalog/services";
import { createContract } from "@/lib/catalog/contracts";
import { createTeam } from "@/lib/catalog/teams";
import { serviceInclude } from "@/lib/catalog/records";
import { SerialClient } from "@/lib/serial-pg-client";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";

/**
 * Queries handed to a node-postgres client while another was still running or waiting on it: what
 * node-postgres 8 warns about, counted on every call (its warning is printed once per process).
 */
let overlapping = 0;
const query = pg.Client.prototype.query;

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
  pg.Client.prototype.query = function (this: pg.Client & { _activeQuery: unknown; _queryQueue: unknown[] }, ...args: unknown[]) {
    if (this._activeQuery || this._queryQueue.length > 0) overlapping += 1;
    return (query as (...queryArgs: unknown[]) => unknown).apply(this, args);
  } as typeof query;
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  await database?.close();
});

describe("Prisma transactions on PostgreSQL", () => {
  it("run a write that reads two relations back without overlapping queries on the transaction's connection", async () => {
    const { db } = database;
    expect(await createTeam(db, { slug: "tx-team", name: "Tx" }, "ana")).toMatchObject({ ok: true });
    expect(await createService(db, { slug: "tx-owner", name: "Owner", team: "tx-team" }, "ana")).toMatchObject({ ok: true });
    expect(await createContract(db, { topic: "tx.orders", owner: "tx-owner" }, "ana")).toMatchObject({ ok: true });
    const created = await createService(
      db,
      { slug: "tx-reader", name: "Reader", team: "tx-team", flows: [{ direction: "consumes", topic: "tx.orders", purpose: "reads" }] },
      "ana",
    );
    expect(created).toMatchObject({ ok: true, record: { team: "tx-team", flows: [{ direction: "consumes", cluster: "local", topic: "tx.orders", purpose: "reads" }] } });

    // The same two-relation read inside a transaction, many at once, and one failing in the middle.
    const reads = await db.$transaction(async (tx) =>
      Promise.all(["tx-owner", "tx-reader", "tx-owner"].map((slug) => tx.service.findUnique({ where: { slug }, include: serviceInclude }))),
    );
    expect(reads.map((service) => [service?.slug, service?.team.slug, service?.flows.length])).toEqual([
      ["tx-owner", "tx-team", 0],
      ["tx-reader", "tx-team", 1],
      ["tx-owner", "tx-team", 0],
    ]);
    await expect(
      db.$transaction(async (tx) => {
        await tx.service.findUnique({ where: { slug: "tx-reader" }, include: serviceInclude });
        await tx.$executeRawUnsafe(`SELECT 1/0`);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await db.service.count({ where: { slug: { startsWith: "tx-" } } })).toBe(2);

    expect(overlapping).toBe(0);
  });

  it("counts overlapping queries on a plain client (so the check above can fail), not on a SerialClient", async () => {
    const plain = new pg.Client({ connectionString: database.url });
    const serial = new SerialClient({ connectionString: database.url });
    await Promise.all([plain.connect(), serial.connect()]);
    try {
      const both = (client: pg.Client) => Promise.all([client.query("SELECT pg_sleep(0.05), 1 AS n"), client.query("SELECT 2 AS n")]);
      const before = overlapping;
      const [first, second] = await both(serial);
      expect([first.rows[0].n, second.rows[0].n]).toEqual([1, 2]);
      expect(overlapping).toBe(before);
      await both(plain);
      expect(overlapping).toBe(before + 1);
    } finally {
      await Promise.all([plain.end(), serial.end()]);
    }
  });
});
