import "server-only";
import type pg from "pg";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { SqlWriter } from "@/lib/collector/history";

// Leader election through PostgreSQL: one lease row per Kafka cluster, with an epoch that grows
// by one at every change of holder. Times come from the database's clock only, so collectors on
// machines whose clocks disagree still agree on who leads. A standby takes the row once it has
// expired; a leader renews it well before that. Every write a leader makes goes through its
// Fence, which re-reads the row in the same transaction (FOR SHARE, so a takeover waits for the
// write to commit and the write never lands after it): a leader that was paused (SIGSTOP, a long
// GC, a lost network) and resumes finds a newer epoch and writes nothing.

export type LeaseClaim = { cluster: string; epoch: number; holder: string };

/** Leader-only work of one cluster; see the module comment. */
export type Fence = {
  cluster: string;
  epoch: number;
  /** Runs fn in a transaction once the lease is confirmed to be still ours; null when it is not (fn did not run). */
  run<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | null>;
  /**
   * The same for raw statements only, on node-postgres when the fence has a pool (PostgreSQL):
   * Prisma passes a raw statement's parameters through its query engine as one JSON string (bytes
   * as base64), encoded, parsed back and kept in its debug history of the last 100 entries. For the
   * statements of a published sample (arrays of thousands of groups, the snapshot, the saved state)
   * that was ~45 ms of CPU per sample at 15,000 partitions, and ~15 MB kept between samples at
   * 10,000 groups (BENCHMARKS.md, "lean reads and writes").
   */
  runSql<T>(fn: (sql: FencedSql) => Promise<T>): Promise<T | null>;
};

/** Raw statements in a fenced transaction; parameters as for Prisma's $executeRawUnsafe (Date, bytes, bigint). */
export type FencedSql = SqlWriter & { $queryRawUnsafe<R>(query: string, ...values: unknown[]): Promise<R[]> };

/** Takes the lease when it is free or expired; the new epoch, or null when another holder has it. */
export async function tryAcquireLease(db: PrismaClient, cluster: string, holder: string, ttlMs: number): Promise<number | null> {
  const rows = await db.$queryRaw<{ epoch: bigint }[]>`
    INSERT INTO "CollectorLease" ("cluster", "epoch", "holder", "renewedAt", "expiresAt")
    VALUES (${cluster}, 1, ${holder}, now(), now() + ${ttlMs} * interval '1 millisecond')
    ON CONFLICT ("cluster") DO UPDATE
      SET "epoch" = "CollectorLease"."epoch" + 1, "holder" = EXCLUDED."holder",
          "renewedAt" = EXCLUDED."renewedAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "CollectorLease"."expiresAt" < now()
    RETURNING "epoch"`;
  return rows[0] ? Number(rows[0].epoch) : null;
}

/** Extends our lease; false when it is no longer ours (expired and taken, or released). */
export async function renewLease(db: PrismaClient, claim: LeaseClaim, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ epoch: bigint }[]>`
    UPDATE "CollectorLease" SET "renewedAt" = now(), "expiresAt" = now() + ${ttlMs} * interval '1 millisecond'
    WHERE "cluster" = ${claim.cluster} AND "epoch" = ${claim.epoch} AND "holder" = ${claim.holder}
    RETURNING "epoch"`;
  return rows.length === 1;
}

/** Gives the lease up at once (graceful shutdown), so a standby need not wait for it to expire. */
export async function releaseLease(db: PrismaClient, claim: LeaseClaim): Promise<void> {
  await db.$executeRaw`
    UPDATE "CollectorLease" SET "expiresAt" = now() - interval '1 millisecond'
    WHERE "cluster" = ${claim.cluster} AND "epoch" = ${claim.epoch} AND "holder" = ${claim.holder}`;
}

export type LeaseRow = { cluster: string; epoch: number; holder: string; renewedAt: number; expiresAt: number; now: number };

/** Every cluster's lease as the database sees it now (its clock included, to compare expiry against). */
export async function readLeases(db: PrismaClient): Promise<LeaseRow[]> {
  const rows = await db.$queryRaw<{ cluster: string; epoch: bigint; holder: string; renewedAt: Date; expiresAt: Date; now: Date }[]>`
    SELECT "cluster", "epoch", "holder", "renewedAt", "expiresAt", now() AS "now" FROM "CollectorLease"`;
  return rows.map((row) => ({
    cluster: row.cluster,
    epoch: Number(row.epoch),
    holder: row.holder,
    renewedAt: row.renewedAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
    now: row.now.getTime(),
  }));
}

class Fenced extends Error {}

const LEASE_CHECK = `SELECT "epoch", "holder" FROM "CollectorLease" WHERE "cluster" = $1 FOR SHARE`;
const stillOurs = (rows: { epoch: bigint | string; holder: string }[], claim: LeaseClaim) =>
  rows.length === 1 && Number(rows[0]!.epoch) === claim.epoch && rows[0]!.holder === claim.holder;

/**
 * The fence of a lease we hold; `onFenced` is told (once per refusal) when a write found the lease
 * gone. `pool` (PostgreSQL only) carries runSql's transactions.
 */
export function createFence(db: PrismaClient, claim: LeaseClaim, onFenced: () => void, pool: pg.Pool | null = null): Fence {
  const fence: Fence = {
    cluster: claim.cluster,
    epoch: claim.epoch,
    runSql(fn) {
      return pool ? runOnPool(pool, claim, onFenced, fn) : fence.run((tx) => fn(tx));
    },
    async run(fn) {
      try {
        return await db.$transaction(
          async (tx) => {
            if (!stillOurs(await tx.$queryRawUnsafe<{ epoch: bigint; holder: string }[]>(LEASE_CHECK, claim.cluster), claim)) throw new Fenced();
            return await fn(tx);
          },
          { maxWait: 10_000, timeout: 60_000 },
        );
      } catch (error) {
        if (!(error instanceof Fenced)) throw error;
        onFenced();
        return null;
      }
    },
  };
  return fence;
}

/** runSql on a connection of `pool`: BEGIN, the lease check (FOR SHARE), fn, COMMIT; ROLLBACK on any failure. */
async function runOnPool<T>(pool: pg.Pool, claim: LeaseClaim, onFenced: () => void, fn: (sql: FencedSql) => Promise<T>): Promise<T | null> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool listens for a connection's errors only while it is idle. One ended under us (the server
  // restarted, the database was dropped) is an 'error' event of the client, even between statements
  // with none in flight, and with no listener an uncaught exception that ended the collector. The
  // statement in flight, or the next, fails with the same error.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    // As the Prisma transaction's timeout: a write stuck this long gives its connection back.
    await client.query("SET LOCAL statement_timeout = 60000");
    if (!stillOurs((await client.query<{ epoch: string; holder: string }>(LEASE_CHECK, [claim.cluster])).rows, claim)) {
      await client.query("ROLLBACK");
      onFenced();
      return null;
    }
    const result = await fn(pgSql(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    // A connection that could not even roll back, or that ended, is closed, not handed to the next write.
    client.removeListener("error", onError);
    client.release(broken);
  }
}

/** FencedSql's statements on a node-postgres connection, parameters taken as Prisma takes them. */
export function pgSql(client: Pick<pg.ClientBase, "query">): FencedSql {
  const params = (values: unknown[]) => values.map(toPgParameter);
  return {
    // node-postgres sends a Buffer as a binary parameter: the bytes of a text value where the statement casts it to text.
    textBytes: true,
    $executeRawUnsafe: async (query, ...values) => (await client.query(query, params(values))).rowCount ?? 0,
    $queryRawUnsafe: async <R>(query: string, ...values: unknown[]) => (await client.query(query, params(values))).rows as R[],
  };
}

/**
 * A parameter as Prisma sends it: times as UTC ISO text (the columns are `timestamp` in UTC, and
 * node-postgres would write a Date in the process's time zone), bytes as a Buffer, bigint as text.
 */
function toPgParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === "bigint") return value.toString();
  return value;
}
