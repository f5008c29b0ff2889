import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { expireSilence, getSilenceMatchers } from "@/lib/alerts/silence-store";
import { silenceViewSchema } from "@/lib/validation/api/alerts";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid({ error: "Not a silence id" }) });

/** Ends the silence now. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute({ params, response: silenceViewSchema }, async ({ params: { id }, principal }) => {
    const db = getDb();
    const matchers = await getSilenceMatchers(db, id);
    if (!matchers) throw notFound("silence");
    requirePermission(principal, { kind: "alerts.silence", team: matchers.find((matcher) => matcher.label === "team")?.value ?? null });
    return requireWritten(await expireSilence(db, id));
  }),
});
