import "server-only";
import { randomUUID } from "node:crypto";
import { sqlArray } from "@/lib/sql-array";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ClusterSnapshot } from "@/lib/collector/types";
import type { Fence, FencedSql } from "@/lib/collector/service/lease";
import { AlertKeys, evaluateRules, type Breach } from "@/lib/alerts/evaluate-rules";
import { planAlertTransitions, type LiveAlert } from "@/lib/alerts/lifecycle";
import { loadAlertCatalog, loadTeamRules } from "@/lib/alerts/load-rules";

export type EvaluateAlertsInput = { db: PrismaClient; fence: Fence; snapshot: ClusterSnapshot; now: Date };
export type EvaluateAlertsResult = { opened: number; fired: number; resolved: number; dropped: number } | null;

/**
 * Evaluates every rule on a fresh snapshot of one cluster and moves its alerts along
 * pending → firing → resolved. The transitions and their notifications (the outbox, one row per
 * alert × transition × channel) are written in one fenced transaction: a deposed leader writes
 * nothing (null), and a crash leaves either both or neither, so nothing is lost or sent twice.
 * Each kind of transition is a few statements whatever the number of alerts: a cluster with
 * 10,000 stopped groups holds 30,000 alerts, and one statement per alert outlasted the
 * transaction's timeout, so no alert was ever written.
 */
export async function evaluateAlerts({ db, fence, snapshot, now }: EvaluateAlertsInput): Promise<EvaluateAlertsResult> {
  const [catalog, rules] = await Promise.all([loadAlertCatalog(db), loadTeamRules(db)]);
  const breaches = evaluateRules(snapshot, catalog, rules.overrides, rules.custom, keysOf(snapshot.cluster));
  // Raw statements on the fence's own connection (node-postgres on PostgreSQL), and the live alerts
  // read back only when this fence has not kept them (liveAlerts): evaluating a cluster's 30,000
  // live alerts through Prisma, reading them all every sample, took 450–650 ms of CPU per sample,
  // more than deriving the snapshot did; now 155–250 ms (BENCHMARKS.md, "less garbage per sample").
  try {
    return await fence.runSql(async (sql) => {
      const epoch = BigInt(fence.epoch);
      // Every live alert was evaluated now: one row says so for the whole cluster (AlertEvaluation),
      // and only the alerts whose measurement moved are rewritten below. Stamping every live alert
      // rewrote 30,000 rows every sample for a cluster of 10,000 stopped groups, whose values stand still.
      await sql.$executeRawUnsafe(
        `INSERT INTO "AlertEvaluation" ("cluster", "evaluatedAt", "epoch") VALUES ($1, $2::timestamptz, $3::bigint)
         ON CONFLICT ("cluster") DO UPDATE SET "evaluatedAt" = EXCLUDED."evaluatedAt", "epoch" = EXCLUDED."epoch"`,
        snapshot.cluster,
        now,
        epoch,
      );
      const [counted] = await sql.$queryRawUnsafe<{ live: number }>(
        `SELECT count(*)::int AS "live" FROM "Alert" WHERE "cluster" = $1 AND "activeKey" IS NOT NULL`,
        snapshot.cluster,
      );
      const live = await liveAlerts(sql, fence, snapshot.cluster, counted!.live);
      const plan = planAlertTransitions(live, breaches, now.getTime());
      const moved = plan.keep.filter(({ alert, breach }) => alert.summary !== breach.summary || alert.value !== breach.value || alert.threshold !== breach.threshold);
      const opened = await openAlerts(sql, plan.open, now, epoch);
      await markFiring(sql, plan.fire, now, epoch);
      // Only the measurement moves: labels (team, service, severity) stay as they were notified, so
      // the resolution reaches Alertmanager with the same label set as the firing did.
      await updateMeasurements(sql, moved, now, epoch);
      const resolved = plan.resolve.map((alert) => alert.id);
      if (resolved.length > 0) {
        await sql.$executeRawUnsafe(
          `UPDATE "Alert" AS a SET "state" = 'resolved', "activeKey" = NULL, "resolvedAt" = $1::timestamptz, "evaluatedAt" = $1::timestamptz, "epoch" = $2::bigint
           FROM unnest($3::text::uuid[]) AS u(id) WHERE a."id" = u.id`,
          now,
          epoch,
          sqlArray(resolved),
        );
      }
      await enqueueFiring(sql, [...opened.filter((alert) => alert.state === "firing"), ...plan.fire.map(({ id, breach }) => ({ id, team: breach.team }))], now);
      await enqueueResolved(sql, resolved, now);
      if (plan.drop.length > 0) {
        await sql.$executeRawUnsafe(
          `DELETE FROM "Alert" AS a USING unnest($1::text::uuid[]) AS u(id) WHERE a."id" = u.id`,
          sqlArray(plan.drop.map((alert) => alert.id)),
        );
      }

      // What the statements above wrote, for the next evaluation (kept only once they commit).
      for (const alert of [...plan.resolve, ...plan.drop]) live.delete(alert.key);
      opened.forEach(({ id, state }, index) => {
        const { breach } = plan.open[index]!;
        live.set(breach.key, { id, key: breach.key, state, startedAt: now.getTime(), summary: breach.summary, value: breach.value, threshold: breach.threshold });
      });
      for (const { alert } of plan.fire) alert.state = "firing";
      for (const { alert, breach } of [...plan.fire, ...moved]) {
        alert.summary = breach.summary;
        alert.value = breach.value;
        alert.threshold = breach.threshold;
      }
      return { live, result: { opened: plan.open.length, fired: plan.fire.length + plan.open.filter((entry) => entry.state === "firing").length, resolved: plan.resolve.length, dropped: plan.drop.length } };
    }).then((outcome) => {
      if (outcome) liveByFence.set(fence, outcome.live);
      return outcome?.result ?? null;
    });
  } catch (error) {
    // Whatever the failed transaction left undone, the next evaluation reads the table again.
    liveByFence.delete(fence);
    throw error;
  }
}

/** Each cluster's alert keys, from one evaluation to the next (a key depends on nothing else: no fence needed). */
const keysByCluster = new Map<string, AlertKeys>();

function keysOf(cluster: string): AlertKeys {
  let keys = keysByCluster.get(cluster);
  if (!keys) keysByCluster.set(cluster, (keys = new AlertKeys(cluster)));
  return keys;
}

/** A live alert: what the plan needs, and the measurement last written. */
type StoredAlert = LiveAlert & { summary: string; value: number | null; threshold: number | null };

/**
 * The live alerts a leader wrote, by its fence: only the leader of a cluster writes an alert's
 * state and measurement, so while its fence holds, what it committed is what the table holds, and a
 * sample's evaluation need not read the cluster's 30,000 live alerts back. A new leadership (a new
 * fence) reads them once. A table that disagrees on the count (a row deleted by hand) is read again.
 */
const liveByFence = new WeakMap<Fence, Map<string, StoredAlert>>();

/** The cluster's live alerts by key: as this fence last committed them, or read from the table. Owned by the caller until it sets them back. */
async function liveAlerts(sql: FencedSql, fence: Fence, cluster: string, liveCount: number): Promise<Map<string, StoredAlert>> {
  const known = liveByFence.get(fence);
  liveByFence.delete(fence); // until this evaluation commits
  if (known && known.size === liveCount) return known;
  const rows = await sql.$queryRawUnsafe<{ id: string; key: string; state: string; startedAt: Date | string; summary: string; value: number | null; threshold: number | null }>(
    `SELECT "id"::text AS "id", "key", "state", "startedAt", "summary", "value", "threshold" FROM "Alert" WHERE "cluster" = $1 AND "activeKey" IS NOT NULL`,
    cluster,
  );
  return new Map(
    rows.map((row) => [
      row.key,
      { id: row.id, key: row.key, state: row.state === "firing" ? "firing" : "pending", startedAt: new Date(row.startedAt).getTime(), summary: row.summary, value: row.value, threshold: row.threshold },
    ]),
  );
}

/** What an alert stores of its breach: labels and measurement. */
type StoredField = "rule" | "ruleName" | "cluster" | "groupId" | "topic" | "team" | "service" | "severity" | "summary" | "value" | "threshold";

/** Every stored field in the order the INSERT and UPDATE below list them. */
const STORED_FIELDS: StoredField[] = ["rule", "ruleName", "cluster", "groupId", "topic", "team", "service", "severity", "summary", "value", "threshold"];

/** Each stored field of every entry's breach, as one PostgreSQL array literal a field (lib/sql-array.ts). */
const breachColumns = (entries: readonly { breach: Breach }[]) => STORED_FIELDS.map((field) => sqlArray(entries.map(({ breach }) => breach[field])));

/**
 * New alerts (pending, or firing at once when their rule waits for nothing), in one statement whose
 * columns are array literals: through Prisma's createMany, the 30,000 alerts a cluster of stopped
 * groups opens at once were 570,000 parameters, and took the collector over a core for twenty seconds.
 */
async function openAlerts(sql: FencedSql, open: { breach: Breach; state: "pending" | "firing" }[], now: Date, epoch: bigint) {
  if (open.length === 0) return [];
  const opened = open.map(({ breach, state }) => ({ id: randomUUID(), team: breach.team, state }));
  await sql.$executeRawUnsafe(
    `INSERT INTO "Alert" ("id", "key", "activeKey", "rule", "ruleName", "cluster", "groupId", "topic", "team", "service", "severity", "summary",
       "value", "threshold", "state", "startedAt", "firingAt", "evaluatedAt", "epoch")
     SELECT u.id, u.key, u.key, u.rule, u.rule_name, u.cluster, u.group_id, u.topic, u.team, u.service, u.severity, u.summary, u.value, u.threshold,
       u.state, $1::timestamptz, CASE WHEN u.state = 'firing' THEN $1::timestamptz END, $1::timestamptz, $2::bigint
     FROM unnest($3::text::uuid[], $4::text::text[], $5::text::text[], $6::text::text[], $7::text::text[], $8::text::text[], $9::text::text[],
       $10::text::text[], $11::text::text[], $12::text::text[], $13::text::text[], $14::text::float8[], $15::text::float8[], $16::text::text[])
       AS u(id, key, rule, rule_name, cluster, group_id, topic, team, service, severity, summary, value, threshold, state)`,
    now,
    epoch,
    sqlArray(opened.map(({ id }) => id)),
    sqlArray(open.map(({ breach }) => breach.key)),
    ...breachColumns(open),
    sqlArray(open.map(({ state }) => state)),
  );
  return opened;
}

/** Pending alerts that held long enough: firing, with the breach's labels and measurement, in one statement. */
async function markFiring(sql: FencedSql, fire: { id: string; breach: Breach }[], now: Date, epoch: bigint) {
  if (fire.length === 0) return;
  await sql.$executeRawUnsafe(
    `UPDATE "Alert" AS a SET "rule" = u.rule, "ruleName" = u.rule_name, "cluster" = u.cluster, "groupId" = u.group_id, "topic" = u.topic,
       "team" = u.team, "service" = u.service, "severity" = u.severity, "summary" = u.summary, "value" = u.value, "threshold" = u.threshold,
       "state" = 'firing', "firingAt" = $1::timestamptz, "evaluatedAt" = $1::timestamptz, "epoch" = $2::bigint
     FROM unnest($3::text::uuid[], $4::text::text[], $5::text::text[], $6::text::text[], $7::text::text[], $8::text::text[], $9::text::text[],
       $10::text::text[], $11::text::text[], $12::text::text[], $13::text::float8[], $14::text::float8[])
       AS u(id, rule, rule_name, cluster, group_id, topic, team, service, severity, summary, value, threshold)
     WHERE a."id" = u.id`,
    now,
    epoch,
    sqlArray(fire.map(({ id }) => id)),
    ...breachColumns(fire),
  );
}

/** Alerts that still hold and whose measurement moved: the new one, in one statement. */
async function updateMeasurements(sql: FencedSql, keep: { id: string; breach: Breach }[], now: Date, epoch: bigint) {
  if (keep.length === 0) return;
  await sql.$executeRawUnsafe(
    `UPDATE "Alert" AS a SET "summary" = u.summary, "value" = u.value, "threshold" = u.threshold, "evaluatedAt" = $1::timestamptz, "epoch" = $2::bigint
     FROM unnest($3::text::uuid[], $4::text::text[], $5::text::float8[], $6::text::float8[]) AS u(id, summary, value, threshold)
     WHERE a."id" = u.id`,
    now,
    epoch,
    sqlArray(keep.map(({ id }) => id)),
    sqlArray(keep.map(({ breach }) => breach.summary)),
    sqlArray(keep.map(({ breach }) => breach.value)),
    sqlArray(keep.map(({ breach }) => breach.threshold)),
  );
}

/** Outbox rows for alerts that started firing: every enabled channel of each alert's team. The unique key makes a replay harmless. */
async function enqueueFiring(sql: FencedSql, alerts: { id: string; team: string | null }[], now: Date) {
  const teams = [...new Set(alerts.flatMap((alert) => (alert.team ? [alert.team] : [])))];
  if (teams.length === 0) return;
  const channels = await sql.$queryRawUnsafe<{ id: string; team: string }>(
    `SELECT c."id"::text AS "id", c."team" FROM "AlertChannel" AS c JOIN unnest($1::text::text[]) AS u(team) ON c."team" = u.team WHERE c."enabled"`,
    sqlArray(teams),
  );
  const rows = alerts.flatMap((alert) =>
    channels.filter((channel) => channel.team === alert.team).map((channel) => ({ alertId: alert.id, channelId: channel.id })),
  );
  await insertNotifications(sql, rows, "firing", now);
}

/** Outbox rows for resolved alerts: the channels that were told they fired. */
async function enqueueResolved(sql: FencedSql, alertIds: string[], now: Date) {
  if (alertIds.length === 0) return;
  const told = await sql.$queryRawUnsafe<{ alertId: string; channelId: string }>(
    `SELECT n."alertId"::text AS "alertId", n."channelId"::text AS "channelId"
     FROM "AlertNotification" AS n JOIN unnest($1::text::uuid[]) AS u(id) ON n."alertId" = u.id WHERE n."transition" = 'firing'`,
    sqlArray(alertIds),
  );
  await insertNotifications(sql, told, "resolved", now);
}

/** Pending notifications, in one statement (array literals, as openAlerts); one already there is left as it is. */
async function insertNotifications(sql: FencedSql, rows: { alertId: string; channelId: string }[], transition: "firing" | "resolved", now: Date) {
  if (rows.length === 0) return;
  await sql.$executeRawUnsafe(
    `INSERT INTO "AlertNotification" ("alertId", "transition", "channelId", "status", "nextAttemptAt")
     SELECT u.alert_id, $1::text, u.channel_id, 'pending', $2::timestamptz
     FROM unnest($3::text::uuid[], $4::text::uuid[]) AS u(alert_id, channel_id)
     ON CONFLICT ("alertId", "transition", "channelId") DO NOTHING`,
    transition,
    now,
    sqlArray(rows.map((row) => row.alertId)),
    sqlArray(rows.map((row) => row.channelId)),
  );
}
