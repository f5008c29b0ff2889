/**
 * Cross-site request refusal for state-changing requests (route handlers, server actions, the
 * catalog import). Pure: it reads request headers only, so it is unit-tested without a server.
 *
 * Browsers send `Sec-Fetch-Site` on every request and `Origin` on every POST/PUT/PATCH/DELETE,
 * including the "simple" text/plain and form posts that skip CORS preflight. A request with
 * neither header is not from a browser (curl, CI jobs, scripts) and cannot be forged by another
 * site, so it is allowed.
 */
export type OriginDecision = { allowed: true } | { allowed: false; reason: string };

export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Header access shared by `Request.headers` and `headers()` from next/headers. */
export type HeaderReader = { get(name: string): string | null };

export function decideOrigin(headers: HeaderReader, requestUrl?: string): OriginDecision {
  const fetchSite = headers.get("sec-fetch-site")?.trim().toLowerCase();
  if (fetchSite === "cross-site" || fetchSite === "same-site") {
    return { allowed: false, reason: `Cross-site request refused (Sec-Fetch-Site: ${fetchSite})` };
  }
  const origin = headers.get("origin")?.trim();
  if (origin === undefined || origin === "") return { allowed: true };
  const own = ownOrigin(headers, requestUrl);
  let theirs: URL;
  try {
    // "null" (sandboxed frames, some redirects) is not a URL: refused like any foreign origin.
    theirs = new URL(origin);
  } catch {
    return { allowed: false, reason: `Cross-site request refused (Origin: ${origin.slice(0, 100)})` };
  }
  if (!own) return { allowed: false, reason: "Cross-site request refused: the request names no host" };
  const sameHost = theirs.host.toLowerCase() === own.host;
  // Without X-Forwarded-Proto the scheme seen by Node (http behind a TLS proxy) says nothing about
  // the browser's, so only the host is compared then.
  const sameScheme = own.protocol === null || theirs.protocol === own.protocol;
  if (sameHost && sameScheme) return { allowed: true };
  return { allowed: false, reason: `Cross-site request refused (Origin: ${origin.slice(0, 100)})` };
}

/** The origin the browser addressed: the proxy's X-Forwarded-Host/Proto when present, else Host. */
export function ownOrigin(headers: HeaderReader, requestUrl?: string): { host: string; protocol: string | null } | null {
  const forwardedHost = firstValue(headers.get("x-forwarded-host"));
  const forwardedProto = firstValue(headers.get("x-forwarded-proto"));
  const host = forwardedHost ?? firstValue(headers.get("host")) ?? hostOf(requestUrl);
  if (!host) return null;
  return { host: normalizeHost(host, forwardedProto), protocol: forwardedProto ? `${forwardedProto.toLowerCase()}:` : null };
}

function firstValue(value: string | null): string | undefined {
  const first = value?.split(",")[0]?.trim();
  return first ? first : undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** "example.com:443" with https is "example.com", as URL.host spells the Origin's host. */
function normalizeHost(host: string, proto: string | undefined): string {
  const lower = host.toLowerCase();
  if (proto?.toLowerCase() === "https" && lower.endsWith(":443")) return lower.slice(0, -4);
  if (proto?.toLowerCase() === "http" && lower.endsWith(":80")) return lower.slice(0, -3);
  return lower;
}
