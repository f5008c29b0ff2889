import { notFound } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { requireServiceWrite } from "@/lib/auth/catalog-scope";
import { getServiceDetail } from "@/lib/catalog/queries";
import { readLiveStates } from "@/lib/catalog/live";
import { listServiceProduceEdges } from "@/lib/catalog/service-producers";
import { deleteService, updateService } from "@/lib/catalog/services";
import { serviceDetailResponseSchema, serviceWriteResponseSchema } from "@/lib/validation/api/catalog";
import { slugParamsSchema } from "@/lib/validation/api/params";
import { deleteQuerySchema, versionedBodySchema } from "@/lib/validation/api/write";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: slugParamsSchema, response: serviceDetailResponseSchema }, async ({ params, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const service = await getServiceDetail(getDb(), params.slug);
    if (!service) throw notFound(`service "${params.slug}"`);
    const snapshots = readLiveStates().flatMap((state) => (state.snapshot ? [state.snapshot] : []));
    return { service: { ...service, produceEdges: await listServiceProduceEdges(getDb(), service.slug, snapshots) } };
  }),
  /** Body: the service plus `version`; its `flows` replace the declared flows. */
  PUT: apiRoute({ params: slugParamsSchema, body: versionedBodySchema, response: serviceWriteResponseSchema }, async ({ params, body, principal }) => {
    await requireServiceWrite(principal, getDb(), { slug: params.slug, body });
    return { record: requireWritten(await updateService(getDb(), params.slug, body.version, body, principal!)) };
  }),
  /** 409 when the service still owns contracts. */
  DELETE: apiRoute({ params: slugParamsSchema, query: deleteQuerySchema, response: serviceWriteResponseSchema }, async ({ params, query, principal }) => {
    await requireServiceWrite(principal, getDb(), { slug: params.slug });
    return { record: requireWritten(await deleteService(getDb(), params.slug, query.version, principal!)) };
  }),
});
