import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { saveCustomRule } from "@/lib/alerts/team-rules";
import { customRuleBodySchema, customRuleViewSchema, teamParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

/** Adds an extra rule to the team (metric, comparison, threshold, for, severity). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute({ params: teamParamsSchema, body: customRuleBodySchema, response: customRuleViewSchema }, async ({ params, body, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team: params.team });
    const rule = requireWritten(await getDb().$transaction((tx) => saveCustomRule(tx, params.team, body, actor, null)));
    return reply(rule, { status: 201 });
  }),
});
