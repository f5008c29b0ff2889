import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { deleteContract, updateContract } from "@/lib/catalog/contracts";
import { catalogRoute, readJsonBody, respondWithWrite } from "@/lib/catalog/http";
import { getContractDetail } from "@/lib/catalog/queries";
import { contractParamsSchema, deleteQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";
type Context = { params: Promise<{ cluster: string; topic: string }> };

async function readKey(context: Context) {
  const params = await context.params;
  return contractParamsSchema.parse({ cluster: decodeURIComponent(params.cluster), topic: decodeURIComponent(params.topic) });
}

export const GET = catalogRoute(async (_request: Request, context: Context) => {
  const key = await readKey(context);
  const contract = await getContractDetail(getDb(), key.cluster, key.topic);
  if (!contract) throw notFound(`contract ${key.cluster}/${key.topic}`);
  return NextResponse.json({ contract });
});

/**
 * Body: the contract plus `version`. A schema change that breaks the compatibility mode is a 422
 * listing the issues unless `acceptBreakingChanges: true`.
 */
export const PUT = catalogRoute(async (request: Request, context: Context) => {
  const key = await readKey(context);
  const body = z.object({ version: z.unknown(), acceptBreakingChanges: z.boolean().default(false) }).passthrough().parse(await readJsonBody(request));
  const result = await updateContract(getDb(), key, body.version, body, actorFromHeaders(request.headers), { acceptBreakingChanges: body.acceptBreakingChanges });
  return respondWithWrite(result);
});

export const DELETE = catalogRoute(async (request: Request, context: Context) => {
  const key = await readKey(context);
  const { version } = deleteQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return respondWithWrite(await deleteContract(getDb(), key, version, actorFromHeaders(request.headers)));
});
