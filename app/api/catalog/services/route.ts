import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { catalogRoute, readJsonBody, respondWithWrite } from "@/lib/catalog/http";
import { listServices } from "@/lib/catalog/queries";
import { createService } from "@/lib/catalog/services";

export const dynamic = "force-dynamic";

export const GET = catalogRoute(async () => NextResponse.json({ services: await listServices(getDb()) }));

/** Body: the service (see serviceSchema), declared flows included. */
export const POST = catalogRoute(async (request: Request) => {
  const result = await createService(getDb(), await readJsonBody(request), actorFromHeaders(request.headers));
  return respondWithWrite(result, 201);
});
