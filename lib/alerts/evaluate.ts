import "server-only";
import { randomUUID } from "node:crypto";
import { chunks } from "@/lib/collections";
import { sqlArray } from "@/lib/sql-array";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { ClusterSnapshot } from "@/lib/collector/types";
import type { Fence } from "@/lib/collector/service/lease";
import { evaluateRules, type Breach } from "@/lib/alerts/evaluate-rules";
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
  const breaches = evaluateRules(snapshot, catalog, rules.overrides, rules.custom);
  return fence.run(async (tx) => {
    const rows = await tx.alert.findMany({
      where: { cluster: snapshot.cluster, activeKey: { not: null } },
      select: { id: true, key: true, state: true, startedAt: true, summary: true, value: true, threshold: true },
    });
    const live: LiveAlert[] = rows.map((row) => ({ id: row.id, key: row.key, state: row.state === "firing" ? "firing" : "pending", startedAt: row.startedAt.getTime() }));
    const plan = planAlertTransitions(live, breaches, now.getTime());
    const epoch = BigInt(fence.epoch);
    // Every live alert was evaluated now; only those whose measurement moved are rewritten below
    // (a cluster of stopped groups keeps tens of thousands of alerts whose values stand still).
    await tx.$executeRaw`UPDATE "Alert" SET "evaluatedAt" = ${now}, "epoch" = ${epoch} WHERE "cluster" = ${snapshot.cluster} AND "activeKey" IS NOT NULL`;
    const stored = new Map(rows.map((row) => [row.id, row]));
    const moved = plan.keep.filter(({ id, breach }) => {
      const row = stored.get(id)!;
      return row.summary !== breach.summary || row.value !== breach.value || row.threshold !== breach.threshold;
    });
    const opened = await openAlerts(tx, plan.open, now, epoch);
    await markFiring(tx, plan.fire, now, epoch);
    // Only the measurement moves: labels (team, service, severity) stay as they were notified, so
    // the resolution reaches Alertmanager with the same label set as the firing did.
    await updateMeasurements(tx, moved, now, epoch);
    const resolved = plan.resolve.map((alert) => alert.id);
    for (const ids of chunks(resolved, ID_BATCH)) {
      await tx.alert.updateMany({ where: { id: { in: ids } }, data: { state: "resolved", activeKey: null, resolvedAt: now, evaluatedAt: now, epoch } });
    }
    await enqueueFiring(tx, [...opened.filter((alert) => alert.state === "firing"), ...plan.fire.map(({ id, breach }) => ({ id, team: breach.team }))], now);
    await enqueueResolved(tx, resolved, now);
    for (const ids of chunks(plan.drop.map((alert) => alert.id), ID_BATCH)) await tx.alert.deleteMany({ where: { id: { in: ids } } });
    return { opened: plan.open.length, fired: plan.fire.length + plan.open.filter((entry) => entry.state === "firing").length, resolved: plan.resolve.length, dropped: plan.drop.length };
  });
}

/** Ids per IN list: far below PostgreSQL's 65,535 parameters a statement. */
const ID_BATCH = 10_000;

/** What an alert stores of its breach: labels and measurement. */
type StoredField = "rule" | "ruleName" | "cluster" | "groupId" | "topic" | "team" | "service" | "severity" | "summary" | "value" | "threshold";

/** One stored field of every entry's breach, as one PostgreSQL array literal (lib/sql-array.ts). */
const breachColumn = (entries: readonly { breach: Breach }[], field: StoredField) => sqlArray(entries.map(({ breach }) => breach[field]));

/**
 * New alerts (pending, or firing at once when their rule waits for nothing), in one statement whose
 * columns are array literals: through Prisma's createMany, the 30,000 alerts a cluster of stopped
 * groups opens at once were 570,000 parameters, and took the collector over a core for twenty seconds.
 */
async function openAlerts(tx: Prisma.TransactionClient, open: { breach: Breach; state: "pending" | "firing" }[], now: Date, epoch: bigint) {
  if (open.length === 0) return [];
  const opened = open.map(({ breach, state }) => ({ id: randomUUID(), team: breach.team, state }));
  const column = (field: StoredField) => breachColumn(open, field);
  await tx.$executeRaw`
    INSERT INTO "Alert" ("id", "key", "activeKey", "rule", "ruleName", "cluster", "groupId", "topic", "team", "service", "severity", "summary",
      "value", "threshold", "state", "startedAt", "firingAt", "evaluatedAt", "epoch")
    SELECT u.id, u.key, u.key, u.rule, u.rule_name, u.cluster, u.group_id, u.topic, u.team, u.service, u.severity, u.summary, u.value, u.threshold,
      u.state, ${now}::timestamptz, CASE WHEN u.state = 'firing' THEN ${now}::timestamptz END, ${now}::timestamptz, ${epoch}::bigint
    FROM unnest(${sqlArray(opened.map(({ id }) => id))}::text::uuid[], ${sqlArray(open.map(({ breach }) => breach.key))}::text::text[],
      ${column("rule")}::text::text[], ${column("ruleName")}::text::text[], ${column("cluster")}::text::text[], ${column("groupId")}::text::text[],
      ${column("topic")}::text::text[], ${column("team")}::text::text[], ${column("service")}::text::text[], ${column("severity")}::text::text[],
      ${column("summary")}::text::text[], ${column("value")}::text::float8[], ${column("threshold")}::text::float8[],
      ${sqlArray(open.map(({ state }) => state))}::text::text[])
      AS u(id, key, rule, rule_name, cluster, group_id, topic, team, service, severity, summary, value, threshold, state)`;
  return opened;
}

/** Pending alerts that held long enough: firing, with the breach's labels and measurement, in one statement. */
async function markFiring(tx: Prisma.TransactionClient, fire: { id: string; breach: Breach }[], now: Date, epoch: bigint) {
  if (fire.length === 0) return;
  const column = (field: StoredField) => breachColumn(fire, field);
  await tx.$executeRaw`
    UPDATE "Alert" AS a SET "rule" = u.rule, "ruleName" = u.rule_name, "cluster" = u.cluster, "groupId" = u.group_id, "topic" = u.topic,
      "team" = u.team, "service" = u.service, "severity" = u.severity, "summary" = u.summary, "value" = u.value, "threshold" = u.threshold,
      "state" = 'firing', "firingAt" = ${now}, "evaluatedAt" = ${now}, "epoch" = ${epoch}
    FROM unnest(${sqlArray(fire.map(({ id }) => id))}::text::uuid[], ${column("rule")}::text::text[], ${column("ruleName")}::text::text[],
      ${column("cluster")}::text::text[], ${column("groupId")}::text::text[], ${column("topic")}::text::text[], ${column("team")}::text::text[],
      ${column("service")}::text::text[], ${column("severity")}::text::text[], ${column("summary")}::text::text[], ${column("value")}::text::float8[],
      ${column("threshold")}::text::float8[])
      AS u(id, rule, rule_name, cluster, group_id, topic, team, service, severity, summary, value, threshold)
    WHERE a."id" = u.id`;
}

/** Alerts that still hold and whose measurement moved: the new one, in one statement. */
async function updateMeasurements(tx: Prisma.TransactionClient, keep: { id: string; breach: Breach }[], now: Date, epoch: bigint) {
  if (keep.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Alert" AS a SET "summary" = u.summary, "value" = u.value, "threshold" = u.threshold, "evaluatedAt" = ${now}, "epoch" = ${epoch}
    FROM unnest(${sqlArray(keep.map(({ id }) => id))}::text::uuid[], ${sqlArray(keep.map(({ breach }) => breach.summary))}::text::text[],
      ${sqlArray(keep.map(({ breach }) => breach.value))}::text::float8[], ${sqlArray(keep.map(({ breach }) => breach.threshold))}::text::float8[])
      AS u(id, summary, value, threshold)
    WHERE a."id" = u.id`;
}

/** Outbox rows for alerts that started firing: every enabled channel of each alert's team. The unique key makes a replay harmless. */
async function enqueueFiring(tx: Prisma.TransactionClient, alerts: { id: string; team: string | null }[], now: Date) {
  const teams = [...new Set(alerts.flatMap((alert) => (alert.team ? [alert.team] : [])))];
  if (teams.length === 0) return;
  const channels = await tx.alertChannel.findMany({ where: { team: { in: teams }, enabled: true }, select: { id: true, team: true } });
  const rows = alerts.flatMap((alert) =>
    channels.filter((channel) => channel.team === alert.team).map((channel) => ({ alertId: alert.id, channelId: channel.id })),
  );
  await insertNotifications(tx, rows, "firing", now);
}

/** Outbox rows for resolved alerts: the channels that were told they fired. */
async function enqueueResolved(tx: Prisma.TransactionClient, alertIds: string[], now: Date) {
  const told: { alertId: string; channelId: string }[] = [];
  for (const ids of chunks(alertIds, ID_BATCH)) {
    told.push(...(await tx.alertNotification.findMany({ where: { alertId: { in: ids }, transition: "firing" }, select: { alertId: true, channelId: true } })));
  }
  await insertNotifications(tx, told, "resolved", now);
}

/** Pending notifications, in one statement (array literals, as openAlerts); one already there is left as it is. */
async function insertNotifications(tx: Prisma.TransactionClient, rows: { alertId: string; channelId: string }[], transition: "firing" | "resolved", now: Date) {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "AlertNotification" ("alertId", "transition", "channelId", "status", "nextAttemptAt")
    SELECT u.alert_id, ${transition}::text, u.channel_id, 'pending', ${now}::timestamptz
    FROM unnest(${sqlArray(rows.map((row) => row.alertId))}::text::uuid[], ${sqlArray(rows.map((row) => row.channelId))}::text::uuid[]) AS u(alert_id, channel_id)
    ON CONFLICT ("alertId", "transition", "channelId") DO NOTHING`;
}
