import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { catalogRoute, readJsonBody, respondWithWrite } from "@/lib/catalog/http";
import { deleteTeam, getTeam, updateTeam } from "@/lib/catalog/teams";
import { deleteQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ slug: string }> };

export const GET = catalogRoute(async (_request: Request, context: Context) => {
  const slug = decodeURIComponent((await context.params).slug);
  const team = await getTeam(getDb(), slug);
  if (!team) throw notFound(`team "${slug}"`);
  return NextResponse.json({ team });
});

/** Body: the team plus `version` (the one you read). 409 with `details.current` when it changed meanwhile. */
export const PUT = catalogRoute(async (request: Request, context: Context) => {
  const slug = decodeURIComponent((await context.params).slug);
  const body = z.object({ version: z.unknown() }).passthrough().parse(await readJsonBody(request));
  return respondWithWrite(await updateTeam(getDb(), slug, body.version, body, actorFromHeaders(request.headers)));
});

/** ?version=N guards against deleting a record someone changed; 409 when the team still owns services. */
export const DELETE = catalogRoute(async (request: Request, context: Context) => {
  const slug = decodeURIComponent((await context.params).slug);
  const { version } = deleteQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return respondWithWrite(await deleteTeam(getDb(), slug, version, actorFromHeaders(request.headers)));
});
