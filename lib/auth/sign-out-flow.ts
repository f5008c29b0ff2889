import "server-only";
import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { recordAuthEvent } from "@/lib/auth/audit-events";
import type { AuthConfig } from "@/lib/auth/config";
import { endSessionUrl } from "@/lib/auth/oidc";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";
import { readCookie } from "@/lib/auth/principal";
import { SESSION_COOKIE, deleteSession, findSession, sessionCookieOptions } from "@/lib/auth/session";

/**
 * POST /auth/logout: deletes the session row and the cookie, then sends the browser to the
 * provider's end-session endpoint (RP-initiated logout with id_token_hint) so the provider's own
 * session ends too; it returns to /sign-in. Without an end-session endpoint, straight to /sign-in.
 * The way to the provider is a page that navigates there, not a redirect: the pages' CSP says
 * `form-action 'self'`, and browsers apply it to every redirect after a form post.
 */
export async function signOut(request: Request, config: AuthConfig): Promise<Response> {
  const signedOutPage = `${config.baseUrl ?? ""}/sign-in?signedOut=1`;
  let target: string = signedOutPage;
  const cookieValue = readCookie(request.headers, SESSION_COOKIE);
  if (cookieValue && config.mode === "oidc" && config.oidc) {
    const session = await findSession(getDb(), cookieValue, config);
    const ended = await deleteSession(getDb(), cookieValue);
    if (session) {
      const ip = request.headers.get(PEER_ADDRESS_HEADER) || null;
      await recordAuthEvent(getDb(), { kind: "logout", subject: session.subject, name: session.email ?? session.name, reason: "signed out", ip });
    }
    const providerLogout = await endSessionUrl(config.oidc, ended?.idToken ?? null, signedOutPage).catch((error: unknown) => {
      console.error("[auth] the provider's end-session endpoint is unknown:", error);
      return null;
    });
    if (providerLogout) target = providerLogout.href;
  }
  const response =
    target !== signedOutPage
      ? new NextResponse(leavingPage(target), { status: 200, headers: { "content-type": "text/html; charset=utf-8" } })
      : config.baseUrl
        ? NextResponse.redirect(target, 303)
        : new NextResponse(null, { status: 303, headers: { location: "/sign-in?signedOut=1" } });
  response.cookies.set({ name: SESSION_COOKIE, value: "", ...sessionCookieOptions(config, 0) });
  response.headers.set("cache-control", "no-store");
  return response;
}

/** A script-free page that moves on to the provider's logout at once (meta refresh), with a link in case it does not. */
function leavingPage(target: string): string {
  const url = target.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${url}">` +
    `<title>Signing out · Tributary</title></head><body><p>You are signed out of Tributary. ` +
    `<a href="${url}">Continue to sign out at your identity provider</a>.</p></body></html>`
  );
}
