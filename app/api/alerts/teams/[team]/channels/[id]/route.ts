import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { deleteChannel, listChannelDeliveries } from "@/lib/alerts/channels";
import { channelDeliveriesResponseSchema } from "@/lib/validation/api/alerts";
import { kafkaName } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

const params = z.object({ team: kafkaName("Team"), id: z.uuid({ error: "Not a channel id" }) });
const okSchema = z.object({ ok: z.literal(true) });

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** The channel's delivery log: its latest notifications, each with every attempt's status. */
  GET: apiRoute({ params, response: channelDeliveriesResponseSchema }, async ({ params: { team, id }, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const deliveries = await listChannelDeliveries(getDb(), team, id);
    if (!deliveries) throw notFound("channel");
    return deliveries;
  }),
  DELETE: apiRoute({ params, response: okSchema }, async ({ params: { team, id }, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team });
    requireWritten(await getDb().$transaction((tx) => deleteChannel(tx, team, id, actor)));
    return { ok: true as const };
  }),
});
