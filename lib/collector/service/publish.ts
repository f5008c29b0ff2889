import "server-only";
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { writeSamplerHistory, writeSnapshotHistory } from "@/lib/collector/history";
import type { TopicConfigEntry } from "@/lib/kafka/topic-configs";
import { sqlArray } from "@/lib/sql-array";
import type { Fence, FencedSql } from "@/lib/collector/service/lease";
import type { AttemptStatus, Notification, SampleResult } from "@/lib/collector/service/sample-result";

// What a leader writes after each sample, in one fenced transaction: the history rows, the
// snapshot web replicas serve (gzipped JSON: one row per cluster, replaced each time), the derive
// state the next leader restores, and a NOTIFY that tells every replica to load it.

export const NOTIFY_CHANNEL = "tributary_collector";

/** Publishes a sample; false when the lease was lost (nothing was written). */
export async function publishSample(fence: Fence, holder: string, result: SampleResult): Promise<boolean> {
  const written = await fence.runSql(async (sql) => {
    await writeSnapshotHistory(sql, result.snapshot);
    if (result.interval) await writeSamplerHistory(sql, fence.cluster, result.interval);
    const rememberConfigs = result.topicConfigs ? await writeTopicConfigs(sql, fence, result.topicConfigs) : null;
    const sampledAt = new Date(result.snapshot.sampledAt);
    await sql.$executeRawUnsafe(
      `INSERT INTO "CollectorSnapshot" ("cluster", "epoch", "holder", "sampledAt", "snapshot", "state", "attemptAt", "lastError", "consecutiveFailures", "updatedAt")
       VALUES ($1, $2, $3, $4::timestamptz, $5::bytea, $6::bytea, $4::timestamptz, NULL, 0, now())
       ON CONFLICT ("cluster") DO UPDATE SET "epoch" = EXCLUDED."epoch", "holder" = EXCLUDED."holder", "sampledAt" = EXCLUDED."sampledAt",
         "snapshot" = EXCLUDED."snapshot", "state" = COALESCE(EXCLUDED."state", "CollectorSnapshot"."state"), "attemptAt" = EXCLUDED."attemptAt",
         "lastError" = NULL, "consecutiveFailures" = 0, "updatedAt" = now()`,
      fence.cluster,
      fence.epoch,
      holder,
      sampledAt,
      Buffer.from(result.encoded),
      result.state ? Buffer.from(result.state) : null,
    );
    await notify(sql, { cluster: fence.cluster, epoch: fence.epoch, kind: "sample", sampledAt: result.snapshot.sampledAt });
    return { rememberConfigs };
  });
  if (written === null) return false;
  written.rememberConfigs?.();
  return true;
}

/** Publishes a failed attempt (the snapshot stays, now stale); false when the lease was lost. */
export async function publishStatus(fence: Fence, holder: string, status: AttemptStatus): Promise<boolean> {
  const written = await fence.run(async (tx) => {
    const attemptAt = new Date(status.attemptAt);
    await tx.$executeRaw`
      INSERT INTO "CollectorSnapshot" ("cluster", "epoch", "holder", "attemptAt", "lastError", "consecutiveFailures", "updatedAt")
      VALUES (${fence.cluster}, ${fence.epoch}, ${holder}, ${attemptAt}, ${status.lastError}, ${status.consecutiveFailures}, now())
      ON CONFLICT ("cluster") DO UPDATE SET "epoch" = EXCLUDED."epoch", "holder" = EXCLUDED."holder", "attemptAt" = EXCLUDED."attemptAt",
        "lastError" = EXCLUDED."lastError", "consecutiveFailures" = EXCLUDED."consecutiveFailures", "updatedAt" = now()`;
    await notify(tx, { cluster: fence.cluster, epoch: fence.epoch, kind: "status", sampledAt: null });
    return true;
  });
  return written !== null;
}

async function notify(sql: FencedSql, notification: Notification) {
  // Delivered at commit, and only if the transaction commits.
  await sql.$queryRawUnsafe(`SELECT pg_notify($1, $2)::text AS "sent"`, NOTIFY_CHANNEL, JSON.stringify(notification));
}

/**
 * Each cluster's topic configs as this process last wrote them (a hash of their JSON per topic), and
 * in which leader term: a re-read (every 30 samples) writes only the topics whose configs changed.
 * Rewriting all of them made a JSON string and its escaped copy per topic every five minutes (at
 * 3,000 topics, ~130 MB allocated for one write) for rows that were the same. A new term writes all
 * again: another leader may have written or deleted rows in between.
 */
const writtenConfigs = new Map<string, { epoch: number; hashes: Map<string, string> }>();

/** Writes the configs that changed and deletes the topics that are gone; returns what to remember once the transaction commits. */
async function writeTopicConfigs(sql: FencedSql, fence: Pick<Fence, "cluster" | "epoch">, configs: [string, TopicConfigEntry[]][]): Promise<() => void> {
  const written = writtenConfigs.get(fence.cluster);
  const previous = written?.epoch === fence.epoch ? written.hashes : null;
  const hashes = new Map<string, string>();
  const changed: string[] = [];
  const changedConfigs: string[] = [];
  for (const [topic, entries] of configs) {
    const json = JSON.stringify(entries);
    const hash = createHash("sha1").update(json).digest("base64");
    hashes.set(topic, hash);
    if (previous?.get(topic) === hash) continue;
    changed.push(topic);
    changedConfigs.push(json);
  }
  await sql.$executeRawUnsafe(
    `DELETE FROM "CollectorTopicConfig" AS c WHERE c."cluster" = $1 AND NOT EXISTS (SELECT 1 FROM unnest($2::text::text[]) AS u(topic) WHERE u.topic = c."topic")`,
    fence.cluster,
    sqlArray(configs.map(([topic]) => topic)),
  );
  if (changed.length > 0) {
    await sql.$executeRawUnsafe(
      `INSERT INTO "CollectorTopicConfig" ("cluster", "topic", "configs", "readAt")
       SELECT $1, row.topic, row.configs::jsonb, now() FROM unnest($2::text::text[], $3::text::text[]) AS row(topic, configs)
       ON CONFLICT ("cluster", "topic") DO UPDATE SET "configs" = EXCLUDED."configs", "readAt" = EXCLUDED."readAt"`,
      fence.cluster,
      sqlArray(changed),
      sqlArray(changedConfigs),
    );
  }
  return () => writtenConfigs.set(fence.cluster, { epoch: fence.epoch, hashes });
}

/** The derive state the last leader saved, for a new leader to continue from; null when none. */
export async function readSavedState(db: PrismaClient, cluster: string): Promise<Uint8Array | null> {
  const row = await db.collectorSnapshot.findUnique({ where: { cluster }, select: { state: true } });
  return row?.state ?? null;
}

/** A topic's configs as last read by the leader; null when never read. */
export async function readTopicConfigs(db: PrismaClient, cluster: string, topic: string): Promise<TopicConfigEntry[] | null> {
  const row = await db.collectorTopicConfig.findUnique({ where: { cluster_topic: { cluster, topic } }, select: { configs: true } });
  return row ? (row.configs as TopicConfigEntry[]) : null;
}
