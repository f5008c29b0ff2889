import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { catalogRoute, readJsonBody, respondWithWrite } from "@/lib/catalog/http";
import { getServiceDetail } from "@/lib/catalog/queries";
import { deleteService, updateService } from "@/lib/catalog/services";
import { deleteQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ slug: string }> };

export const GET = catalogRoute(async (_request: Request, context: Context) => {
  const slug = decodeURIComponent((await context.params).slug);
  const service = await getServiceDetail(getDb(), slug);
  if (!service) throw notFound(`service "${slug}"`);
  return NextResponse.json({ service });
});

/** Body: the service plus `version`; its `flows` replace the declared flows. */
export const PUT = catalogRoute(async (request: Request, context: Context) => {
  const slug = decodeURIComponent((await context.params).slug);
  const body = z.object({ version: z.unknown() }).passthrough().parse(await readJsonBody(request));
  return respondWithWrite(await updateService(getDb(), slug, body.version, body, actorFromHeaders(request.headers)));
});

/** 409 when the service still owns contracts. */
export const DELETE = catalogRoute(async (request: Request, context: Context) => {
  const slug = decodeURIComponent((await context.params).slug);
  const { version } = deleteQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return respondWithWrite(await deleteService(getDb(), slug, version, actorFromHeaders(request.headers)));
});
