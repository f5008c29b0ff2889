import { badRequest, unprocessable } from "@/lib/api/errors";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { importCatalog } from "@/lib/catalog/import";
import { importResponseSchema } from "@/lib/validation/api/catalog";
import { importQuerySchema } from "@/lib/validation/catalog-api";

export const dynamic = "force-dynamic";
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Body: the YAML catalog file (any content type: it is text; cross-site posts are refused like
 * every write). ?dryRun=1 returns the diff without writing; 422 lists every problem with its path.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  POST: apiRoute(
    { query: importQuerySchema.strict(), body: "text", maxBodyBytes: MAX_FILE_BYTES, response: importResponseSchema },
    async ({ query, body, principal }) => {
      const actor = requirePermission(principal, { kind: "catalog.import" });
      const result = await importCatalog(getDb(), body, { actor, dryRun: query.dryRun, source: "api" });
      if (!result.ok) {
        // Control characters in the file are malformed input (400); every other problem is 422.
        if (result.reason === "malformed") {
          throw badRequest(`The catalog file holds control characters; nothing was changed`, { errors: result.errors });
        }
        throw unprocessable(`The catalog file has ${result.errors.length} problem(s); nothing was changed`, {}, { errors: result.errors });
      }
      return result;
    },
  ),
});
