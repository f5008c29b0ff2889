import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { deleteTeam, getTeam, updateTeam } from "@/lib/catalog/teams";
import { teamDetailResponseSchema, teamWriteResponseSchema } from "@/lib/validation/api/catalog";
import { slugParamsSchema } from "@/lib/validation/api/params";
import { deleteQuerySchema, versionedBodySchema } from "@/lib/validation/api/write";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: slugParamsSchema, response: teamDetailResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const team = await getTeam(getDb(), params.slug);
    if (!team) throw notFound(`team "${params.slug}"`);
    return { team };
  }),
  /** Body: the team plus `version` (the one you read). 409 with `details.current` when it changed meanwhile. */
  PUT: apiRoute({ params: slugParamsSchema, body: versionedBodySchema, response: teamWriteResponseSchema }, async ({ params, body, principal }) => {
    const actor = requirePermission(principal, { kind: "team.write" });
    return { record: requireWritten(await updateTeam(getDb(), params.slug, body.version, body, actor)) };
  }),
  /** ?version=N guards against deleting a record someone changed; 409 when the team still owns services. */
  DELETE: apiRoute({ params: slugParamsSchema, query: deleteQuerySchema, response: teamWriteResponseSchema }, async ({ params, query, principal }) => {
    const actor = requirePermission(principal, { kind: "team.write" });
    return { record: requireWritten(await deleteTeam(getDb(), params.slug, query.version, actor)) };
  }),
});
