import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { createSilence, listSilences } from "@/lib/alerts/silence-store";
import { silenceBodySchema, silenceListResponseSchema, silenceViewSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: silenceListResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    return { silences: await listSilences(getDb()) };
  }),
  /** A silence naming a team (matcher team=…) is that team's to set; any other is an admin's. */
  POST: apiRoute({ body: silenceBodySchema, response: silenceViewSchema, maxBodyBytes: 16 * 1024 }, async ({ body, principal }) => {
    const team = body.matchers.find((matcher) => matcher.label === "team")?.value ?? null;
    const actor = requirePermission(principal, { kind: "alerts.silence", team });
    return reply(await createSilence(getDb(), body, actor), { status: 201 });
  }),
});
