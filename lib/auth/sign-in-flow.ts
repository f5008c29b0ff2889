import "server-only";
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { recordAuthEvent } from "@/lib/auth/audit-events";
import { principalWithTeams } from "@/lib/auth/principal";
import type { AuthConfig, OidcSettings } from "@/lib/auth/config";
import { LOGIN_COOKIE, LOGIN_COOKIE_MAX_AGE, beginLogin, callbackUrl, completeLogin, decodeAttempt, encodeAttempt, safeReturnTo } from "@/lib/auth/oidc";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";
import { SESSION_COOKIE, createSession, sessionCookieOptions } from "@/lib/auth/session";
import { readCookie } from "@/lib/auth/principal";

/** Why a sign-in failed, as the sign-in page's ?error= code (its text is on the page, never the provider's). */
export type SignInError = "provider" | "state" | "expired" | "no-role" | "unavailable";

const loginCookie = (config: AuthConfig, value: string, maxAge: number) => ({
  name: LOGIN_COOKIE,
  value,
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.secureCookies,
  path: "/auth",
  maxAge,
});

/** GET /auth/login: a new attempt (state, nonce and PKCE verifier in a 10-minute cookie) and off to the provider. */
export async function startSignIn(request: Request, config: AuthConfig, settings: OidcSettings): Promise<Response> {
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  try {
    const { url, attempt } = await beginLogin(config, settings, returnTo);
    const response = NextResponse.redirect(url, 302);
    response.cookies.set(loginCookie(config, encodeAttempt(attempt), LOGIN_COOKIE_MAX_AGE));
    response.headers.set("cache-control", "no-store");
    return response;
  } catch (error) {
    console.error("[auth] the OpenID provider cannot be reached:", error);
    return signInPageRedirect(config, "unavailable", returnTo);
  }
}

/** GET /auth/callback: checks the provider's answer, opens a session, returns to where the user was. */
export async function finishSignIn(request: Request, config: AuthConfig, settings: OidcSettings): Promise<Response> {
  const incoming = new URL(request.url);
  const ip = request.headers.get(PEER_ADDRESS_HEADER) || null;
  const attempt = decodeAttempt(readCookie(request.headers, LOGIN_COOKIE));
  const fail = async (code: SignInError, reason: string, who: { subject?: string; name?: string } = {}) => {
    await recordAuthEvent(getDb(), { kind: "login.failed", subject: who.subject ?? null, name: who.name ?? null, reason, ip });
    return signInPageRedirect(config, code, attempt?.returnTo ?? "/");
  };
  if (!attempt) return fail("expired", "no sign-in attempt in progress (the attempt cookie is missing or expired)");
  const providerError = incoming.searchParams.get("error");
  if (providerError) return fail("provider", `the provider answered ${providerError.slice(0, 100)}: ${(incoming.searchParams.get("error_description") ?? "").slice(0, 200)}`);

  let result: Awaited<ReturnType<typeof completeLogin>>;
  try {
    // The provider redirected to the registered redirect URI: rebuild it from the base URL, not the Host header.
    result = await completeLogin(settings, new URL(`${callbackUrl(config)}${incoming.search}`), attempt);
  } catch (error) {
    const message = describeError(error);
    console.error("[auth] sign-in refused:", message);
    return fail(/state/i.test(message) ? "state" : "provider", `the provider's answer was refused: ${message.slice(0, 300)}`);
  }
  const principal = await principalWithTeams(result.identity, config);
  if (!principal) {
    return fail("no-role", `no role for groups [${result.identity.groups.join(", ").slice(0, 300)}]`, result.identity);
  }
  const session = await createSession(getDb(), result.identity, result.idToken, config);
  await recordAuthEvent(getDb(), { kind: "login", subject: principal.subject, name: principal.email ?? principal.name, reason: `signed in as ${principal.role}`, ip });
  const response = NextResponse.redirect(new URL(attempt.returnTo, config.baseUrl!), 302);
  response.cookies.set({ name: SESSION_COOKIE, value: session.cookieValue, ...sessionCookieOptions(config, config.sessionMaxAgeSeconds) });
  response.cookies.set(loginCookie(config, "", 0));
  response.headers.set("cache-control", "no-store");
  return response;
}

export function signInPageRedirect(config: AuthConfig, error: SignInError | null, returnTo: string): Response {
  const url = new URL("/sign-in", config.baseUrl ?? "http://localhost");
  if (error) url.searchParams.set("error", error);
  if (returnTo !== "/") url.searchParams.set("returnTo", returnTo);
  const response = config.baseUrl ? NextResponse.redirect(url, 302) : new NextResponse(null, { status: 302, headers: { location: url.pathname + url.search } });
  response.headers.set("cache-control", "no-store");
  return response;
}

/** openid-client wraps the precise reason ('unexpected "state" response parameter value') as the cause of a general one. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return cause && cause !== error.message ? `${error.message}: ${cause}` : error.message;
}
