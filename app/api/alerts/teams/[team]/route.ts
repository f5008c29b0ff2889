import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getTeamAlertSettings } from "@/lib/alerts/team-rules";
import { teamAlertSettingsSchema, teamParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

/** The team's rules (built-ins with its overrides, extra rules) and channels (URLs masked). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: teamParamsSchema, response: teamAlertSettingsSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const settings = await getTeamAlertSettings(getDb(), params.team);
    if (!settings) throw notFound(`team "${params.team}"`);
    return settings;
  }),
});
