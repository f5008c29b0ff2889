import { NextResponse } from "next/server";
import { ApiError } from "@/lib/api/errors";
import { getDb } from "@/lib/db";
import { actorFromHeaders } from "@/lib/catalog/actor";
import { catalogRoute } from "@/lib/catalog/http";
import { importCatalog } from "@/lib/catalog/import";
import { importQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Body: the YAML catalog file. ?dryRun=1 returns the diff without writing; 422 lists every problem with its path. */
export const POST = catalogRoute(async (request: Request) => {
  const { dryRun } = importQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const text = await request.text();
  if (text.length > MAX_FILE_BYTES) throw new ApiError(422, "The catalog file is larger than 5 MiB");
  const result = await importCatalog(getDb(), text, { actor: actorFromHeaders(request.headers), dryRun, source: "api" });
  if (!result.ok) throw new ApiError(422, `The catalog file has ${result.errors.length} problem(s); nothing was changed`, { errors: result.errors });
  return NextResponse.json(result);
});
