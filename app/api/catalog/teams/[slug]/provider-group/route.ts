import { conflict, notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { setTeamProviderGroup } from "@/lib/auth/team-groups";
import { getDb } from "@/lib/db";
import { slugParamsSchema } from "@/lib/validation/api/params";
import { providerGroupBodySchema, providerGroupResponseSchema } from "@/lib/validation/api/provider-group";

export const dynamic = "force-dynamic";

/** Body: `{ providerGroup: "team-commerce" | null }`. Admins only; 409 when another team has that group. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  PUT: apiRoute({ params: slugParamsSchema, body: providerGroupBodySchema, response: providerGroupResponseSchema }, async ({ params, body, principal }) => {
    const actor = requirePermission(principal, { kind: "team.write" });
    const result = await setTeamProviderGroup(getDb(), params.slug, body.providerGroup, actor);
    if (!result.ok && result.reason === "not-found") throw notFound(`team "${params.slug}"`);
    if (!result.ok) throw conflict(`The provider group "${body.providerGroup}" already belongs to team "${result.byTeam}"`);
    return { team: result.team };
  }),
});
