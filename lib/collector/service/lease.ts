import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

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
};

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

/** The fence of a lease we hold; `onFenced` is told (once per refusal) when a write found the lease gone. */
export function createFence(db: PrismaClient, claim: LeaseClaim, onFenced: () => void): Fence {
  return {
    cluster: claim.cluster,
    epoch: claim.epoch,
    async run(fn) {
      try {
        return await db.$transaction(
          async (tx) => {
            const rows = await tx.$queryRaw<{ epoch: bigint; holder: string }[]>`
              SELECT "epoch", "holder" FROM "CollectorLease" WHERE "cluster" = ${claim.cluster} FOR SHARE`;
            const row = rows[0];
            if (!row || Number(row.epoch) !== claim.epoch || row.holder !== claim.holder) throw new Fenced();
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
}
