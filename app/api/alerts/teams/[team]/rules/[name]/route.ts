import { z } from "zod";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { deleteCustomRule, saveCustomRule } from "@/lib/alerts/team-rules";
import { customRuleBodySchema, customRuleViewSchema, teamNameParamsSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

const okSchema = z.object({ ok: z.literal(true) });

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  PUT: apiRoute({ params: teamNameParamsSchema, body: customRuleBodySchema, response: customRuleViewSchema }, async ({ params, body, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team: params.team });
    return requireWritten(await getDb().$transaction((tx) => saveCustomRule(tx, params.team, body, actor, params.name)));
  }),
  DELETE: apiRoute({ params: teamNameParamsSchema, response: okSchema }, async ({ params, principal }) => {
    const actor = requirePermission(principal, { kind: "alerts.write", team: params.team });
    requireWritten(await getDb().$transaction((tx) => deleteCustomRule(tx, params.team, params.name, actor)));
    return { ok: true as const };
  }),
});
