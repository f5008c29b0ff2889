import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { deleteContract, updateContract } from "@/lib/catalog/contracts";
import { getContractDetail } from "@/lib/catalog/queries";
import { contractDetailResponseSchema, contractWriteResponseSchema } from "@/lib/validation/api/catalog";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { deleteQuerySchema, versionedBodySchema } from "@/lib/validation/api/write";

export const dynamic = "force-dynamic";

const contractBodySchema = versionedBodySchema.extend({ acceptBreakingChanges: z.boolean().default(false) });

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: topicParamsSchema, response: contractDetailResponseSchema }, async ({ params }) => {
    const contract = await getContractDetail(getDb(), params.cluster, params.topic);
    if (!contract) throw notFound(`contract ${params.cluster}/${params.topic}`);
    return { contract };
  }),
  /**
   * Body: the contract plus `version`. A schema change that breaks the compatibility mode is a 422
   * listing the issues unless `acceptBreakingChanges: true`.
   */
  PUT: apiRoute({ params: topicParamsSchema, body: contractBodySchema, response: contractWriteResponseSchema }, async ({ params, body, request }) => {
    const key = { cluster: params.cluster, topic: params.topic };
    const result = await updateContract(getDb(), key, body.version, body, actorFromHeaders(request.headers), { acceptBreakingChanges: body.acceptBreakingChanges });
    return { record: requireWritten(result) };
  }),
  DELETE: apiRoute({ params: topicParamsSchema, query: deleteQuerySchema, response: contractWriteResponseSchema }, async ({ params, query, request }) => ({
    record: requireWritten(await deleteContract(getDb(), { cluster: params.cluster, topic: params.topic }, query.version, actorFromHeaders(request.headers))),
  })),
});
