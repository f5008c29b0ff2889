import { z } from "zod";
import { kafkaName, requiredText } from "@/lib/validation/fields";

export const TOKEN_ROLES = ["viewer", "editor", "admin"] as const;
export const MAX_TOKEN_DAYS = 366;

/**
 * POST /api/tokens. An editor token writes for exactly one team (its `team`); viewer and admin
 * tokens have none. The expiry is required: a forgotten CI secret should stop working by itself.
 */
export const createTokenBodySchema = z
  .strictObject({
    name: requiredText("Name", 100),
    role: z.enum(TOKEN_ROLES, { error: "Role must be viewer, editor or admin" }),
    team: kafkaName("Team").nullable().optional(),
    expiresInDays: z
      .number({ error: "Expiry must be a number of days" })
      .int("Expiry must be whole days")
      .min(1, "Expiry must be at least 1 day")
      .max(MAX_TOKEN_DAYS, `Expiry must be at most ${MAX_TOKEN_DAYS} days`),
  })
  .superRefine((value, ctx) => {
    if (value.role === "editor" && !value.team) ctx.addIssue({ code: "custom", path: ["team"], message: "An editor token needs the team it may write for" });
    if (value.role !== "editor" && value.team) ctx.addIssue({ code: "custom", path: ["team"], message: "Only editor tokens have a team" });
  });
export type CreateTokenBody = z.output<typeof createTokenBodySchema>;

export const tokenParamsSchema = z.object({ id: z.uuid({ error: "a token id (a UUID)" }) });

/** A token as lists show it: never its secret or hash. */
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The secret's first characters ("trb_AbCd…"), to tell tokens apart. */
  prefix: z.string(),
  role: z.enum(TOKEN_ROLES),
  team: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  status: z.enum(["active", "expired", "revoked"]),
});
export type ApiTokenView = z.infer<typeof apiTokenSchema>;

/** GET /api/tokens */
export const tokenListResponseSchema = z.object({ tokens: z.array(apiTokenSchema) });
export type TokenListResponse = z.infer<typeof tokenListResponseSchema>;

/** POST /api/tokens: the only answer that ever carries the secret. */
export const createTokenResponseSchema = z.object({ token: apiTokenSchema, secret: z.string() });
export type CreateTokenResponse = z.infer<typeof createTokenResponseSchema>;

/** DELETE /api/tokens/{id} */
export const revokeTokenResponseSchema = z.object({ token: apiTokenSchema });
