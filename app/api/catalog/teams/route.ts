import { z } from "zod";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { createTeam, listTeams } from "@/lib/catalog/teams";
import { teamListResponseSchema, teamWriteResponseSchema } from "@/lib/validation/api/catalog";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: teamListResponseSchema }, async () => ({ teams: await listTeams(getDb()) })),
  /** Body: the team (see teamSchema). 201 with the record; 422 with field errors. */
  POST: apiRoute({ body: z.unknown(), response: teamWriteResponseSchema }, async ({ body, request }) =>
    reply({ record: requireWritten(await createTeam(getDb(), body, actorFromHeaders(request.headers))) }, { status: 201 }),
  ),
});
