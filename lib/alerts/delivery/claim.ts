import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** How long a claimed notification stays ours; a process that dies mid-send frees it after this. */
export const CLAIM_LEASE_MS = 60_000;

/**
 * Claims up to `limit` due notifications for this process (FOR UPDATE SKIP LOCKED: several
 * collector processes share the outbox without sending anything twice). A "resolved" waits until
 * the same channel's "firing" is settled, so a receiver never hears the end before the start.
 */
export async function claimDueNotifications(db: PrismaClient, now: Date, limit: number, skip: bigint[]): Promise<bigint[]> {
  if (limit <= 0) return [];
  const claimedUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const skipIds = skip.length > 0 ? skip : [BigInt(-1)];
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH due AS (
      SELECT n."id" FROM "AlertNotification" n
      WHERE ((n."status" = 'pending' AND n."nextAttemptAt" <= ${now}) OR (n."status" = 'delivering' AND n."claimedUntil" < ${now}))
        AND n."id" <> ALL(${skipIds}::bigint[])
        AND (n."transition" = 'firing' OR NOT EXISTS (
          SELECT 1 FROM "AlertNotification" f
          WHERE f."alertId" = n."alertId" AND f."channelId" = n."channelId" AND f."transition" = 'firing' AND f."status" IN ('pending', 'delivering')))
      ORDER BY n."id"
      LIMIT ${limit}
      FOR UPDATE OF n SKIP LOCKED
    )
    UPDATE "AlertNotification" SET "status" = 'delivering', "claimedUntil" = ${claimedUntil}
    FROM due WHERE "AlertNotification"."id" = due."id"
    RETURNING "AlertNotification"."id"`;
  return rows.map((row) => row.id);
}
