import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CatalogDb } from "@/lib/catalog/records";
import { isSilenced, type SilenceMatcher, type SilenceWindow } from "@/lib/alerts/silences";
import { notificationInclude, toAlertView, toNotificationView } from "@/lib/alerts/views";
import type { AlertCounts, AlertDetailResponse, AlertListQuery, AlertListResponse, AlertView } from "@/lib/validation/api/alerts";

export async function loadActiveSilenceWindows(db: CatalogDb, now: Date): Promise<SilenceWindow[]> {
  const rows = await db.alertSilence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
  return rows.map((row) => ({ matchers: row.matchers as SilenceMatcher[], startsAt: row.startsAt.getTime(), endsAt: row.endsAt.getTime() }));
}

/** When each of `clusters` was last evaluated (AlertEvaluation): what a live alert's evaluatedAt is at least. */
async function clusterEvaluations(db: CatalogDb, clusters: Iterable<string>): Promise<Map<string, Date>> {
  const wanted = [...new Set(clusters)];
  if (wanted.length === 0) return new Map();
  const rows = await db.alertEvaluation.findMany({ where: { cluster: { in: wanted } }, select: { cluster: true, evaluatedAt: true } });
  return new Map(rows.map((row) => [row.cluster, row.evaluatedAt]));
}

type Filter = Omit<AlertListQuery, "limit" | "view">;

function whereOf(filter: Filter): Prisma.AlertWhereInput {
  return {
    ...(filter.team ? { team: filter.team } : {}),
    ...(filter.cluster ? { cluster: filter.cluster } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
    ...(filter.group ? { groupId: filter.group } : {}),
    ...(filter.topic ? { topic: filter.topic } : {}),
  };
}

/**
 * Alerts for the alerts page and the history panels: live ones (firing first) then resolved,
 * newest first. view "silenced" = live alerts an active silence mutes; "firing" excludes those.
 */
export async function listAlerts(db: CatalogDb, query: AlertListQuery, now = new Date()): Promise<AlertListResponse> {
  const where = whereOf(query);
  const silences = await loadActiveSilenceWindows(db, now);
  const live = await db.alert.findMany({ where: { ...where, activeKey: { not: null } }, orderBy: [{ startedAt: "desc" }], take: 1000 });
  const evaluations = await clusterEvaluations(db, live.map((row) => row.cluster));
  const liveViews = live.map((row) => toAlertView(row, isSilenced(silences, row, now.getTime()), evaluations.get(row.cluster)));
  const counts: AlertCounts = {
    firing: liveViews.filter((alert) => alert.state === "firing" && !alert.silenced).length,
    pending: liveViews.filter((alert) => alert.state === "pending").length,
    silenced: liveViews.filter((alert) => alert.silenced).length,
  };
  const wants = (alert: AlertView) => {
    switch (query.view) {
      case undefined:
        return true;
      case "firing":
        return alert.state === "firing" && !alert.silenced;
      case "pending":
        return alert.state === "pending";
      case "silenced":
        return alert.silenced;
      case "resolved":
        return false;
    }
  };
  const rank = (alert: AlertView) => (alert.state === "firing" ? 0 : 1);
  const selected = liveViews.filter(wants).sort((a, b) => rank(a) - rank(b));
  const resolved =
    query.view === undefined || query.view === "resolved"
      ? await db.alert.findMany({ where: { ...where, state: "resolved" }, orderBy: [{ resolvedAt: "desc" }], take: query.limit })
      : [];
  const alerts = [...selected, ...resolved.map((row) => toAlertView(row, false))].slice(0, query.limit);
  return { alerts, counts };
}

/** Firing (not silenced) and pending counts for the navigation. */
export async function countLiveAlerts(db: CatalogDb, now = new Date()): Promise<AlertCounts> {
  return (await listAlerts(db, { limit: 1, view: "pending" }, now)).counts;
}

export async function getAlertDetail(db: CatalogDb, id: string, now = new Date()): Promise<AlertDetailResponse | null> {
  const row = await db.alert.findUnique({ where: { id } });
  if (!row) return null;
  const silenced = row.activeKey !== null && isSilenced(await loadActiveSilenceWindows(db, now), row, now.getTime());
  const notifications = await db.alertNotification.findMany({ where: { alertId: id }, include: notificationInclude, orderBy: { id: "asc" } });
  const evaluatedAt = row.activeKey !== null ? (await clusterEvaluations(db, [row.cluster])).get(row.cluster) : undefined;
  return { alert: toAlertView(row, silenced, evaluatedAt), notifications: notifications.map(toNotificationView) };
}
