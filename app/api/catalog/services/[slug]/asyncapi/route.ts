import { NextResponse } from "next/server";
import { stringify as stringifyYaml } from "yaml";
import { notFound } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { buildAsyncApiDocument } from "@/lib/catalog/asyncapi";
import { loadAsyncApiInput } from "@/lib/catalog/asyncapi-source";
import { catalogRoute } from "@/lib/catalog/http";
import { readLiveStates } from "@/lib/catalog/live";
import { asyncApiQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";

/** The service as an AsyncAPI 3.0 document: ?format=yaml (default) or json. */
export const GET = catalogRoute(async (request: Request, context: { params: Promise<{ slug: string }> }) => {
  const slug = decodeURIComponent((await context.params).slug);
  const { format } = asyncApiQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const input = await loadAsyncApiInput(getDb(), slug);
  if (!input) throw notFound(`service "${slug}"`);
  // Broker addresses only: credentials stay on the server.
  const servers = getConfig().clusters.map((cluster) => ({ name: cluster.name, brokers: cluster.brokers }));
  const document = buildAsyncApiDocument({ ...input, servers, states: readLiveStates() });
  const filename = `${slug}.asyncapi.${format}`;
  const headers = { "content-disposition": `inline; filename="${filename}"` };
  if (format === "json") return NextResponse.json(document, { headers });
  return new NextResponse(stringifyYaml(document, { lineWidth: 0 }), {
    headers: { ...headers, "content-type": "application/yaml; charset=utf-8" },
  });
});
