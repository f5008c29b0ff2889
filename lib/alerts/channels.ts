import "server-only";
import type { CatalogDb } from "@/lib/catalog/records";
import { recordAudit, type AuditActor } from "@/lib/catalog/audit";
import { invalid, notFound, type WriteResult } from "@/lib/catalog/results";
import { notificationInclude, toChannelView, toNotificationView } from "@/lib/alerts/views";
import type { ChannelBody, ChannelDeliveriesResponse, ChannelView } from "@/lib/validation/api/alerts";

// A team's delivery channels. The URL and secret are written here and read only by the delivery
// worker: views, audit entries and errors carry the masked target.

export async function createChannel(db: CatalogDb, team: string, body: ChannelBody, actor: AuditActor): Promise<WriteResult<ChannelView>> {
  if ((await db.team.count({ where: { slug: team } })) === 0) return notFound(`Team "${team}" not found`);
  if ((await db.alertChannel.count({ where: { team, name: body.name } })) > 0) return invalid({ name: [`Team "${team}" already has a channel named "${body.name}"`] });
  const row = await db.alertChannel.create({ data: { team, name: body.name, kind: body.kind, url: body.url, secret: body.kind === "webhook" ? body.secret : null, enabled: body.enabled } });
  const view = toChannelView(row);
  await recordAudit(db, { actor, action: "alerts.channel.create", entityType: "team", entityKey: team, before: null, after: view });
  return { ok: true, record: view };
}

export async function deleteChannel(db: CatalogDb, team: string, id: string, actor: AuditActor): Promise<WriteResult<null>> {
  const row = await db.alertChannel.findFirst({ where: { id, team } });
  if (!row) return notFound(`Team "${team}" has no such channel`);
  await db.alertChannel.delete({ where: { id } });
  await recordAudit(db, { actor, action: "alerts.channel.delete", entityType: "team", entityKey: team, before: toChannelView(row), after: null });
  return { ok: true, record: null };
}

/** The channel's delivery log: its latest notifications with every attempt. */
export async function listChannelDeliveries(db: CatalogDb, team: string, id: string, limit = 50): Promise<ChannelDeliveriesResponse | null> {
  const row = await db.alertChannel.findFirst({ where: { id, team } });
  if (!row) return null;
  const notifications = await db.alertNotification.findMany({ where: { channelId: id }, include: notificationInclude, orderBy: { id: "desc" }, take: limit });
  return { channel: toChannelView(row), notifications: notifications.map(toNotificationView) };
}

/** The latest notifications to any of the team's channels, with their attempts. */
export async function listTeamDeliveries(db: CatalogDb, team: string, limit = 20) {
  const notifications = await db.alertNotification.findMany({ where: { channel: { team } }, include: notificationInclude, orderBy: { id: "desc" }, take: limit });
  return notifications.map(toNotificationView);
}
