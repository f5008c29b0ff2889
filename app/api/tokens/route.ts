import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { requirePermission } from "@/lib/auth/require";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { getDb } from "@/lib/db";
import { createTokenBodySchema, createTokenResponseSchema, tokenListResponseSchema } from "@/lib/validation/api/tokens";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: tokenListResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "tokens.manage" });
    return { tokens: await listApiTokens(getDb()) };
  }),
  /** Body: { name, role, team (editor only), expiresInDays }. 201 with the token and its secret, which is never shown again. */
  POST: apiRoute({ body: createTokenBodySchema, response: createTokenResponseSchema, maxBodyBytes: 4096 }, async ({ body, principal }) => {
    const admin = requirePermission(principal, { kind: "tokens.manage" });
    const created = requireWritten(await createApiToken(getDb(), body, admin));
    // Never stored by a cache, as every JSON answer (lib/api/json-response.ts): the secret is shown this once.
    return reply(created, { status: 201 });
  }),
});
