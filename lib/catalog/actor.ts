import "server-only";

// Tributary has no login of its own; it runs behind the user's reverse proxy. Proxies that
// authenticate (oauth2-proxy, Pomerium, Apache/nginx auth) pass the user in one of these headers.
const IDENTITY_HEADERS = ["x-forwarded-email", "x-forwarded-user", "x-auth-request-email", "x-auth-request-user", "remote-user"];

/** Who sent these request headers, for the audit log and schema history: the proxy's user, else "anonymous". */
export function actorFromHeaders(requestHeaders: Headers): string {
  for (const name of IDENTITY_HEADERS) {
    const value = requestHeaders.get(name)?.trim();
    if (value) return value.slice(0, 200);
  }
  return "anonymous";
}
