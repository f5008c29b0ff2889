import { z } from "zod";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { createTeam, listTeams } from "@/lib/catalog/teams";
import { teamListResponseSchema, teamWriteResponseSchema } from "@/lib/validation/api/catalog";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: teamListResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    return { teams: await listTeams(getDb()) };
  }),
  /** Body: the team (see teamSchema). 201 with the record; 422 with field errors. */
  POST: apiRoute({ body: z.unknown(), response: teamWriteResponseSchema }, async ({ body, principal }) => {
    const actor = requirePermission(principal, { kind: "team.write" });
    return reply({ record: requireWritten(await createTeam(getDb(), body, actor)) }, { status: 201 });
  }),
});
