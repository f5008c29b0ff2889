// Integration (the running production build): pages and API responses carry the security headers of
// issue 10: a Content-Security-Policy whose script-src allows no inline script except Next.js's own
// (a per-response nonce or hashes, never 'unsafe-inline'), frame-ancestors 'none',
// X-Content-Type-Options: nosniff and a Referrer-Policy. Error responses included.
import { describe, expect, it } from "vitest";
import { stack } from "./support/live-stack";

const PAGES = ["/", "/clusters/local", "/clusters/local/topics", "/clusters/local/topics/orders.created", "/clusters/local/groups", "/clusters/local/groups/payments-service", "/clusters/local/flows", "/catalog", "/catalog/teams/new", "/catalog/import"];
const API = ["/api/health", "/api/clusters", "/api/clusters/local/topics", "/api/catalog/teams", "/api/catalog/export", "/api/metrics"];
const ERRORS = ["/api/clusters/nowhere/topics", "/api/zz-unknown", "/clusters/local/groups/zz-missing-group", "/zz-no-such-page"];

type Directives = Map<string, string[]>;

function parseCsp(header: string): Directives {
  const directives: Directives = new Map();
  for (const part of header.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

async function headersOf(path: string) {
  const response = await fetch(`${stack.appUrl}${path}`, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body };
}

function cspProblems(csp: string | null): string[] {
  if (!csp) return ["no Content-Security-Policy header"];
  const directives = parseCsp(csp);
  const problems: string[] = [];
  const scripts = directives.get("script-src") ?? directives.get("default-src");
  if (!scripts) problems.push("no script-src (nor default-src)");
  else if (scripts.length === 1 && scripts[0] === "'none'") {
    // No script at all (a JSON response's policy): stricter than any nonce.
  } else {
    if (scripts.includes("'unsafe-inline'")) problems.push("script-src has 'unsafe-inline'");
    if (!scripts.some((source) => /^'(nonce-[A-Za-z0-9+/=_-]{16,}|sha(256|384|512)-[A-Za-z0-9+/=]+)'$/.test(source))) problems.push(`script-src has neither a nonce nor a hash: ${scripts.join(" ")}`);
    const strictDynamic = scripts.includes("'strict-dynamic'");
    if (scripts.includes("*") || scripts.includes("data:") || (!strictDynamic && (scripts.includes("http:") || scripts.includes("https:")))) {
      problems.push(`script-src too broad: ${scripts.join(" ")}`);
    }
  }
  if ((directives.get("frame-ancestors") ?? []).join(" ") !== "'none'") problems.push(`frame-ancestors is ${directives.get("frame-ancestors")?.join(" ") ?? "absent"}, not 'none'`);
  if (!directives.has("object-src") && !(directives.get("default-src") ?? []).includes("'none'")) problems.push("object-src not restricted");
  return problems;
}

function headerProblems(headers: Headers): string[] {
  const problems = cspProblems(headers.get("content-security-policy")).map((problem) => `CSP: ${problem}`);
  if (headers.get("x-content-type-options") !== "nosniff") problems.push(`X-Content-Type-Options is ${headers.get("x-content-type-options")}`);
  const referrer = headers.get("referrer-policy");
  if (!referrer || !/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin|origin|origin-when-cross-origin)$/.test(referrer)) problems.push(`Referrer-Policy is ${referrer}`);
  return problems;
}

describe("security headers", () => {
  it.each([...PAGES, ...API, ...ERRORS])("%s carries the CSP, nosniff and a Referrer-Policy", async (path) => {
    const { status, headers } = await headersOf(path);
    expect(status, path).toBeLessThan(500);
    expect(headerProblems(headers)).toEqual([]);
  });

  it("gives every page its own nonce, and every inline script of the page carries it", async () => {
    const first = await headersOf("/clusters/local/topics");
    const second = await headersOf("/clusters/local/topics");
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    if (nonce === undefined) {
      // Hash-based policies are allowed too: then every inline script must match one of the hashes.
      const hashes = parseCsp(first.headers.get("content-security-policy") ?? "").get("script-src") ?? [];
      expect(hashes.some((source) => source.startsWith("'sha"))).toBe(true);
      return;
    }
    expect(nonce).not.toBe(nonceOf(second.headers.get("content-security-policy")));
    const scripts = [...first.body.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const withoutNonce = scripts.filter((attributes) => !attributes.includes(`nonce="${nonce}"`));
    expect(withoutNonce).toEqual([]);
  });

  it("keeps hostile text out of script: a group id with markup is served as data only", async () => {
    const path = `/clusters/local/groups/${encodeURIComponent('"><script>alert(1)</script>')}`;
    const { status, body, headers } = await headersOf(path);
    expect(status).toBeLessThan(500);
    expect(body).not.toContain("<script>alert(1)</script>");
    expect(headerProblems(headers)).toEqual([]);
  });
});
