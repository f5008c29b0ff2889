import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { catalogRoute, readJsonBody, respondWithWrite } from "@/lib/catalog/http";
import { createTeam, listTeams } from "@/lib/catalog/teams";

export const dynamic = "force-dynamic";

export const GET = catalogRoute(async () => NextResponse.json({ teams: await listTeams(getDb()) }));

/** Body: the team (see teamSchema). 201 with the record; 422 with field errors. */
export const POST = catalogRoute(async (request: Request) => {
  const result = await createTeam(getDb(), await readJsonBody(request), actorFromHeaders(request.headers));
  return respondWithWrite(result, 201);
});
