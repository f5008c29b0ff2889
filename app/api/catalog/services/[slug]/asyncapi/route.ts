import { stringify as stringifyYaml } from "yaml";
import { notFound } from "@/lib/api/errors";
import { jsonResponse } from "@/lib/api/json-response";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { buildAsyncApiDocument } from "@/lib/catalog/asyncapi";
import { loadAsyncApiInput } from "@/lib/catalog/asyncapi-source";
import { readLiveStates } from "@/lib/catalog/live";
import { slugParamsSchema } from "@/lib/validation/api/params";
import { asyncApiQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";

/** The service as an AsyncAPI 3.0 document: ?format=yaml (default) or json. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: slugParamsSchema, query: asyncApiQuerySchema.strict() }, async ({ params, query, principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const input = await loadAsyncApiInput(getDb(), params.slug);
    if (!input) throw notFound(`service "${params.slug}"`);
    // Broker addresses only: credentials stay on the server.
    const servers = getConfig().clusters.map((cluster) => ({ name: cluster.name, brokers: cluster.brokers }));
    const document = buildAsyncApiDocument({ ...input, servers, states: readLiveStates() });
    // The slug is a Kafka-style name ([a-zA-Z0-9._-]), safe inside a quoted filename.
    const headers = { "content-disposition": `inline; filename="${params.slug}.asyncapi.${query.format}"` };
    if (query.format === "json") return jsonResponse(JSON.stringify(document), { headers });
    return new Response(stringifyYaml(document, { lineWidth: 0 }), { headers: { ...headers, "content-type": "application/yaml; charset=utf-8" } });
  }),
});
