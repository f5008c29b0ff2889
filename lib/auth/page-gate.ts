// No "server-only": proxy.ts (Next's request proxy) imports this too.

/** The session cookie's name (lib/auth/session.ts sets it; proxy.ts only looks whether it is there). */
export const SESSION_COOKIE = "tributary_session";

/** Pages anyone may open: the sign-in landing and the OIDC routes. API routes answer 401 themselves. */
export function isPublicPage(pathname: string): boolean {
  return pathname === "/sign-in" || pathname.startsWith("/sign-in/") || pathname.startsWith("/auth/");
}

/** Where a signed-out visitor of `path` (path and query) is sent: the sign-in page, which returns there afterwards. */
export function signInPath(pathAndQuery: string): string {
  return pathAndQuery === "/" ? "/sign-in" : `/sign-in?returnTo=${encodeURIComponent(pathAndQuery)}`;
}
