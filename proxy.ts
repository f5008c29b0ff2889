import { NextResponse, type NextRequest } from "next/server";
import { STATE_CHANGING_METHODS, decideOrigin } from "@/lib/api/origin";
import { checkRawApiUrl, decodeSegment } from "@/lib/api/raw-url";
import { SESSION_COOKIE, isPublicPage, signInPath } from "@/lib/auth/page-gate";
import { RAW_PATH_HEADER } from "@/lib/page-urls";
import { isPlainActionReply, isPlainMultipartReply } from "@/lib/security/action-reply";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS, createNonce, pageContentSecurityPolicy } from "@/lib/security/headers";

/**
 * Runs before Next.js routes any request (pages, API, server actions), while the path is still as
 * the client sent it:
 * - refuses state-changing requests from another origin with 403 before anything can write.
 *   Next.js checks server actions itself, but answers a foreign Origin with a 500; this gives one
 *   answer for route handlers, server actions and form posts alike (lib/api's wrappers check
 *   again, so a route stays safe without this file).
 * - refuses server action calls whose arguments Next.js could not decode (another 500) with 400.
 * - answers a malformed percent-escape (`%E0%A4%A`, a lone `%`) with 400: Next.js would answer it
 *   with a bodiless 500 before any page or handler runs. API URLs also get their length checked.
 * - with AUTH_MODE=oidc, sends a page request without a session cookie to the sign-in page (the
 *   layout checks the session itself; API routes answer 401 through lib/api).
 * - sets the security headers; pages get a fresh CSP nonce, passed to Next.js through the
 *   request's Content-Security-Policy header so that it tags its own scripts with it.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");

  const origin = STATE_CHANGING_METHODS.has(request.method.toUpperCase()) ? decideOrigin(request.headers, request.url) : null;
  if (origin && !origin.allowed) {
    // The API's error body (lib/api/errors.ts is server-only, so it is spelled out here).
    return withSecurityHeaders(NextResponse.json({ error: { code: "forbidden", message: origin.reason } }, { status: 403 }), API_CONTENT_SECURITY_POLICY);
  }

  if (request.method === "POST" && request.headers.has("next-action") && !(await hasPlainActionArguments(request))) {
    const body = { error: { code: "bad_request", message: "Malformed server action arguments" } };
    return withSecurityHeaders(NextResponse.json(body, { status: 400 }), API_CONTENT_SECURITY_POLICY);
  }

  if (isApi) {
    const problem = checkRawApiUrl(pathname, search);
    const response = problem
      ? NextResponse.json(problem.body, { status: problem.status, headers: { "cache-control": "no-store" } })
      : NextResponse.next();
    return withSecurityHeaders(response, API_CONTENT_SECURITY_POLICY);
  }

  if (pathname.split("/").some((segment) => decodeSegment(segment) === null)) {
    return withSecurityHeaders(badRequestPage(), API_CONTENT_SECURITY_POLICY);
  }

  if (process.env.AUTH_MODE === "oidc" && !request.cookies.has(SESSION_COOKIE) && !isPublicPage(pathname)) {
    return withSecurityHeaders(NextResponse.redirect(new URL(signInPath(pathname + search), request.url)), API_CONTENT_SECURITY_POLICY);
  }

  const nonce = createNonce();
  const policy = pageContentSecurityPolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Set here, never taken from the client: pages decode their names from it (lib/page-urls.ts).
  requestHeaders.set(RAW_PATH_HEADER, pathname);
  requestHeaders.set("Content-Security-Policy", policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

/** See lib/security/action-reply.ts: what Next.js would fail to decode (a 500) is refused here. */
async function hasPlainActionArguments(request: NextRequest): Promise<boolean> {
  const type = request.headers.get("content-type") ?? "";
  try {
    if (type.startsWith("multipart/form-data")) return isPlainMultipartReply([...(await request.clone().formData()).entries()]);
    return isPlainActionReply(await request.clone().text());
  } catch {
    return false;
  }
}

/** No script, no style: it must render under the strictest policy. */
function badRequestPage(): NextResponse {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request · Tributary</title></head>' +
    "<body><h1>Bad request</h1><p>This address contains a malformed percent-escape, so it cannot name a topic or consumer group.</p>" +
    '<p><a href="/">Go to the overview</a></p></body></html>';
  return new NextResponse(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

function withSecurityHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Static build files are immutable and carry the static headers from next.config.mjs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
