import { apiRoute, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { revokeApiToken } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import { revokeTokenResponseSchema, tokenParamsSchema } from "@/lib/validation/api/tokens";

export const dynamic = "force-dynamic";

/** DELETE revokes the token (it stays listed as revoked, for the audit trail); 404 for an unknown id. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  DELETE: apiRoute({ params: tokenParamsSchema, response: revokeTokenResponseSchema }, async ({ params, principal }) => {
    const admin = requirePermission(principal, { kind: "tokens.manage" });
    return { token: requireWritten(await revokeApiToken(getDb(), params.id, admin)) };
  }),
});
