import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { requireContractWrite } from "@/lib/auth/catalog-scope";
import { deleteContract, updateContract } from "@/lib/catalog/contracts";
import { getContractDetail } from "@/lib/catalog/queries";
import { contractDetailResponseSchema, contractWriteResponseSchema } from "@/lib/validation/api/catalog";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { deleteQuerySchema, versionedBodySchema } from "@/lib/validation/api/write";

export const dynamic = "force-dynamic";

const contractBodySchema = versionedBodySchema.extend({ acceptBreakingChanges: z.boolean().default(false) });

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: topicParamsSchema, response: contractDetailResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const contract = await getContractDetail(getDb(), params.cluster, params.topic);
    if (!contract) throw notFound(`contract ${params.cluster}/${params.topic}`);
    return { contract };
  }),
  /**
   * Body: the contract plus `version`. A schema change that breaks the compatibility mode is a 422
   * listing the issues unless `acceptBreakingChanges: true`.
   */
  PUT: apiRoute({ params: topicParamsSchema, body: contractBodySchema, response: contractWriteResponseSchema }, async ({ params, body, principal }) => {
    const key = { cluster: params.cluster, topic: params.topic };
    await requireContractWrite(principal, getDb(), { key, body });
    const result = await updateContract(getDb(), key, body.version, body, principal!, { acceptBreakingChanges: body.acceptBreakingChanges });
    return { record: requireWritten(result) };
  }),
  DELETE: apiRoute({ params: topicParamsSchema, query: deleteQuerySchema, response: contractWriteResponseSchema }, async ({ params, query, principal }) => {
    const key = { cluster: params.cluster, topic: params.topic };
    await requireContractWrite(principal, getDb(), { key });
    return { record: requireWritten(await deleteContract(getDb(), key, query.version, principal!)) };
  }),
});
