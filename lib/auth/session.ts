import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuthConfig } from "@/lib/auth/config";
import type { Identity } from "@/lib/auth/claims";

export { SESSION_COOKIE } from "@/lib/auth/page-gate";
/** How often a session's idle clock is moved forward at most (one write per minute per session, not per request). */
const TOUCH_AFTER_MS = 60_000;

export type StoredSession = Identity & { idToken: string | null; expiresAt: Date };

/** The row key for a cookie value: a stolen database copy holds no usable cookie. */
export function hashSessionId(cookieValue: string): string {
  return createHash("sha256").update(cookieValue).digest("hex");
}

/** Creates a session; returns the cookie value (32 random bytes, base64url) and when it expires. */
export async function createSession(db: PrismaClient, identity: Identity, idToken: string | null, config: AuthConfig, now = new Date()) {
  const cookieValue = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + config.sessionMaxAgeSeconds * 1000);
  await db.authSession.create({
    data: { id: hashSessionId(cookieValue), subject: identity.subject, name: identity.name, email: identity.email, groups: identity.groups, idToken, createdAt: now, lastSeenAt: now, expiresAt },
  });
  // Old sessions are removed as new ones start: no background job needed for a table this small.
  await db.authSession.deleteMany({ where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - config.sessionIdleSeconds * 1000) } }] } });
  return { cookieValue, expiresAt };
}

/** The live session of a cookie value, or null (unknown, expired or idle for too long: then it is deleted). */
export async function findSession(db: PrismaClient, cookieValue: string, config: AuthConfig, now = new Date()): Promise<StoredSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(cookieValue)) return null;
  const id = hashSessionId(cookieValue);
  const row = await db.authSession.findUnique({ where: { id } });
  if (!row) return null;
  const idleSince = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt.getTime() <= now.getTime() || idleSince > config.sessionIdleSeconds * 1000) {
    await db.authSession.deleteMany({ where: { id } });
    return null;
  }
  if (idleSince > TOUCH_AFTER_MS) await db.authSession.updateMany({ where: { id }, data: { lastSeenAt: now } });
  return { subject: row.subject, name: row.name, email: row.email, groups: row.groups, idToken: row.idToken, expiresAt: row.expiresAt };
}

/** Ends a session; returns what logout needs from it (the ID token for the provider's end-session call). */
export async function deleteSession(db: PrismaClient, cookieValue: string): Promise<{ idToken: string | null } | null> {
  const id = hashSessionId(cookieValue);
  const row = await db.authSession.findUnique({ where: { id }, select: { idToken: true } });
  await db.authSession.deleteMany({ where: { id } });
  return row;
}

/** The Set-Cookie attributes of the session cookie (httpOnly, SameSite=Lax, Secure outside local http). */
export function sessionCookieOptions(config: AuthConfig, maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: config.secureCookies, path: "/", maxAge: maxAgeSeconds };
}
