import "server-only";
// API tokens for automation (a CI job importing the catalog, Prometheus scraping /api/metrics).
// The secret is "trb_" + 32 random bytes in base64url: 256 bits of entropy, so a plain SHA-256
// of it is what we store and look up. A slow password hash (bcrypt, argon2) guards low-entropy
// secrets against guessing; here guessing is hopeless and SHA-256 keeps every request cheap.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Principal, Role } from "@/lib/auth/types";
import { actorName, recordAudit } from "@/lib/catalog/audit";
import { notFound, invalid, type WriteResult } from "@/lib/catalog/results";
import type { ApiTokenView, CreateTokenBody } from "@/lib/validation/api/tokens";

export const TOKEN_PREFIX = "trb_";
const SECRET_PATTERN = /^trb_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often per token, so a busy scraper costs no write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type TokenRow = Awaited<ReturnType<PrismaClient["apiToken"]["findMany"]>>[number];

export const hashTokenSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/** A new secret: "trb_" + 43 base64url characters. */
export const generateTokenSecret = () => `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;

export function toApiTokenView(row: TokenRow, now = new Date()): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role as Role,
    team: row.team,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedBy,
    status: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
  };
}

/** Newest first; never the secret or its hash. */
export async function listApiTokens(db: PrismaClient): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  const now = new Date();
  return rows.map((row) => toApiTokenView(row, now));
}

/** Creates a token and audits it; the secret is in the result and nowhere else, ever. */
export async function createApiToken(
  db: PrismaClient,
  input: CreateTokenBody,
  actor: Principal,
): Promise<WriteResult<{ token: ApiTokenView; secret: string }>> {
  if (input.team && !(await db.team.findUnique({ where: { slug: input.team }, select: { id: true } }))) {
    return invalid({ team: [`Team "${input.team}" does not exist in the catalog`] });
  }
  const secret = generateTokenSecret();
  const token = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        secretHash: hashTokenSecret(secret),
        prefix: secret.slice(0, TOKEN_PREFIX.length + 4),
        role: input.role,
        team: input.role === "editor" ? (input.team ?? null) : null,
        createdBy: actorName(actor),
        expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
      },
    });
    const view = toApiTokenView(row);
    await recordAudit(tx, { actor, action: "create", entityType: "token", entityKey: row.id, before: null, after: view });
    return view;
  });
  return { ok: true, record: { token, secret } };
}

/** Revokes a token (at once: the next request with it is a 401). Revoking a revoked token changes nothing. */
export async function revokeApiToken(db: PrismaClient, id: string, actor: Principal): Promise<WriteResult<ApiTokenView>> {
  return db.$transaction(async (tx) => {
    const existing = await tx.apiToken.findUnique({ where: { id } });
    if (!existing) return notFound(`API token ${id} not found`);
    if (existing.revokedAt) return { ok: true, record: toApiTokenView(existing) };
    const row = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: actorName(actor) } });
    const view = toApiTokenView(row);
    await recordAudit(tx, { actor, action: "revoke", entityType: "token", entityKey: id, before: toApiTokenView(existing), after: view });
    return { ok: true, record: view };
  });
}

/**
 * The principal of a bearer secret, or null when it is malformed, unknown, expired or revoked.
 * Marks the token used (at most once a minute).
 */
export async function authenticateApiToken(db: PrismaClient, secret: string, now = new Date()): Promise<Principal | null> {
  if (!SECRET_PATTERN.test(secret)) return null;
  const row = await db.apiToken.findUnique({ where: { secretHash: hashTokenSecret(secret) } });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests write once; a failure must not refuse the request.
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db.apiToken
      .updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } })
      .catch((error: unknown) => console.error("[tokens] cannot record last use", error));
  }
  return toTokenPrincipal(row);
}

/**
 * An `Authorization` header's principal: null without a bearer header (the request is someone
 * else's to identify), "invalid" for a bearer that is malformed, unknown, expired or revoked (401).
 */
export async function authenticateBearer(db: PrismaClient, authorizationHeader: string | null): Promise<Principal | null | "invalid"> {
  if (authorizationHeader === null) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorizationHeader);
  if (!match) return "invalid";
  return (await authenticateApiToken(db, match[1]!)) ?? "invalid";
}

/** A token acts with its role; an editor token for its one team. Message permissions follow the role as for people. */
export function toTokenPrincipal(row: Pick<TokenRow, "id" | "name" | "role" | "team">): Principal {
  const role = row.role as Role;
  return {
    kind: "token",
    subject: `token:${row.id}`,
    name: `token "${row.name}"`,
    email: null,
    role,
    teams: row.team ? [row.team] : [],
    permissions: { readMessages: role !== "viewer", readSensitive: role === "admin" },
  };
}
