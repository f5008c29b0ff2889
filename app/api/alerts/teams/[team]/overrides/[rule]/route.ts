import { z } from "zod";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { deleteRuleOverride, setRuleOverride } from "@/lib/alerts/team-rules";
import { ruleOverrideBodySchema, teamRuleParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

const okSchema = z.object({ ok: z.literal(true) });

/** A team's override of a built-in rule: PUT sets it, DELETE returns to the defaults. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  PUT: apiRoute({ params: teamRuleParamsSchema, body: ruleOverrideBodySchema, response: ruleOverrideBodySchema }, async ({ params, body, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team: params.team });
    const db = getDb();
    return requireWritten(await db.$transaction((tx) => setRuleOverride(tx, params.team, params.rule, body, actor)));
  }),
  DELETE: apiRoute({ params: teamRuleParamsSchema, response: okSchema }, async ({ params, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team: params.team });
    requireWritten(await getDb().$transaction((tx) => deleteRuleOverride(tx, params.team, params.rule, actor)));
    return { ok: true as const };
  }),
});
