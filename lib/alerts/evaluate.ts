import "server-only";
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
 */
export async function evaluateAlerts({ db, fence, snapshot, now }: EvaluateAlertsInput): Promise<EvaluateAlertsResult> {
  const [catalog, rules] = await Promise.all([loadAlertCatalog(db), loadTeamRules(db)]);
  const breaches = evaluateRules(snapshot, catalog, rules.overrides, rules.custom);
  return fence.run(async (tx) => {
    const rows = await tx.alert.findMany({ where: { cluster: snapshot.cluster, activeKey: { not: null } }, select: { id: true, key: true, state: true, startedAt: true } });
    const live: LiveAlert[] = rows.map((row) => ({ id: row.id, key: row.key, state: row.state === "firing" ? "firing" : "pending", startedAt: row.startedAt.getTime() }));
    const plan = planAlertTransitions(live, breaches, now.getTime());
    const epoch = BigInt(fence.epoch);
    for (const { breach, state } of plan.open) {
      const created = await tx.alert.create({
        data: { ...fields(breach), key: breach.key, activeKey: breach.key, state, startedAt: now, firingAt: state === "firing" ? now : null, evaluatedAt: now, epoch },
      });
      if (state === "firing") await enqueue(tx, created.id, created.team, "firing", now);
    }
    for (const { id, breach } of plan.fire) {
      await tx.alert.update({ where: { id }, data: { ...fields(breach), state: "firing", firingAt: now, evaluatedAt: now, epoch } });
      await enqueue(tx, id, breach.team, "firing", now);
    }
    // Only the measurement moves: labels (team, service, severity) stay as they were notified, so
    // the resolution reaches Alertmanager with the same label set as the firing did.
    for (const { id, breach } of plan.keep) {
      await tx.alert.update({ where: { id }, data: { summary: breach.summary, value: breach.value, threshold: breach.threshold, evaluatedAt: now, epoch } });
    }
    for (const alert of plan.resolve) {
      const resolved = await tx.alert.update({ where: { id: alert.id }, data: { state: "resolved", activeKey: null, resolvedAt: now, evaluatedAt: now, epoch } });
      await enqueue(tx, alert.id, resolved.team, "resolved", now);
    }
    if (plan.drop.length > 0) await tx.alert.deleteMany({ where: { id: { in: plan.drop.map((alert) => alert.id) } } });
    return { opened: plan.open.length, fired: plan.fire.length + plan.open.filter((entry) => entry.state === "firing").length, resolved: plan.resolve.length, dropped: plan.drop.length };
  });
}

function fields(breach: Breach) {
  return {
    rule: breach.rule,
    ruleName: breach.ruleName,
    cluster: breach.cluster,
    groupId: breach.groupId,
    topic: breach.topic,
    team: breach.team,
    service: breach.service,
    severity: breach.severity,
    summary: breach.summary,
    value: breach.value,
    threshold: breach.threshold,
  };
}

/**
 * One outbox row per channel: for "firing" every enabled channel of the alert's team, for
 * "resolved" the channels that were told it fired. The unique key makes a replay harmless.
 */
async function enqueue(tx: Prisma.TransactionClient, alertId: string, team: string | null, transition: "firing" | "resolved", now: Date) {
  if (!team) return;
  const channels =
    transition === "firing"
      ? await tx.alertChannel.findMany({ where: { team, enabled: true }, select: { id: true } })
      : (await tx.alertNotification.findMany({ where: { alertId, transition: "firing" }, select: { channelId: true } })).map((row) => ({ id: row.channelId }));
  if (channels.length === 0) return;
  await tx.alertNotification.createMany({
    data: channels.map((channel) => ({ alertId, transition, channelId: channel.id, status: "pending", nextAttemptAt: now })),
    skipDuplicates: true,
  });
}
