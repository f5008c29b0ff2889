import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { createContract } from "@/lib/catalog/contracts";
import { catalogRoute, readJsonBody, respondWithWrite } from "@/lib/catalog/http";
import { listContracts } from "@/lib/catalog/queries";

export const dynamic = "force-dynamic";

export const GET = catalogRoute(async () => NextResponse.json({ contracts: await listContracts(getDb()) }));

/** Body: the contract (see contractSchema); schemas as JSON objects or JSON text. */
export const POST = catalogRoute(async (request: Request) => {
  const result = await createContract(getDb(), await readJsonBody(request), actorFromHeaders(request.headers));
  return respondWithWrite(result, 201);
});
