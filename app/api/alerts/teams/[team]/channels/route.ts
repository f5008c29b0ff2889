import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { createChannel } from "@/lib/alerts/channels";
import { channelBodySchema, channelViewSchema, teamParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

/** Adds a delivery channel; the answer carries the masked target, never the URL or secret. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute({ params: teamParamsSchema, body: channelBodySchema, response: channelViewSchema, maxBodyBytes: 16 * 1024 }, async ({ params, body, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team: params.team });
    return reply(requireWritten(await getDb().$transaction((tx) => createChannel(tx, params.team, body, actor))), { status: 201 });
  }),
});
