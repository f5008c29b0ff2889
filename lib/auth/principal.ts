import "server-only";
import { getDb } from "@/lib/db";
import { authenticateBearer } from "@/lib/auth/bearer";
import { LOCAL_PRINCIPAL, principalFromIdentity, type Identity } from "@/lib/auth/claims";
import { getAuthConfig, type AuthConfig } from "@/lib/auth/config";
import { readProxyIdentity } from "@/lib/auth/proxy-identity";
import { SESSION_COOKIE, findSession } from "@/lib/auth/session";
import type { Principal } from "@/lib/auth/types";

/**
 * Who sent a request, from its headers alone (route handlers, server actions and pages all call
 * this): a bearer token first (any mode but none), then per AUTH_MODE the local admin (none), the
 * proxy's identity headers when the proxy is trusted (proxy), or the session cookie (oidc).
 * Identity headers are never read outside proxy mode. null = nobody signed in.
 */
export async function resolvePrincipal(headers: Headers, config: AuthConfig = getAuthConfig()): Promise<Principal | null> {
  if (config.mode === "none") return LOCAL_PRINCIPAL;
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match ? authenticateBearer(getDb(), match[1]!) : null;
  }
  if (config.mode === "proxy") {
    const identity = config.proxy ? readProxyIdentity(headers, config.proxy) : null;
    return identity ? principalWithTeams(identity, config) : null;
  }
  const cookieValue = readCookie(headers, SESSION_COOKIE);
  if (!cookieValue) return null;
  const session = await findSession(getDb(), cookieValue, config);
  return session ? principalWithTeams(session, config) : null;
}

/** Team membership is read on every request, so a team's provider group edited by an admin applies at once. */
export async function principalWithTeams(identity: Identity, config: AuthConfig): Promise<Principal | null> {
  const teams = identity.groups.length === 0 ? [] : await getDb().team.findMany({ where: { providerGroup: { in: identity.groups } }, select: { slug: true, providerGroup: true } });
  return principalFromIdentity(identity, config.mapping, teams);
}

/** One cookie's value from a Cookie header (names are matched exactly; the first wins, as browsers send the most specific first). */
export function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim() || null;
  }
  return null;
}
