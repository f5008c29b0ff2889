import { BlockList, isIP } from "node:net";
import { z } from "zod";
import type { AuthMode, Role } from "@/lib/auth/types";

/** Group names → role and message permissions; compared exactly (case-sensitive, as providers send them). */
export type ClaimMapping = {
  adminGroups: string[];
  editorGroups: string[];
  viewerGroups: string[];
  messageGroups: string[];
  sensitiveGroups: string[];
  /** The role of a signed-in user in none of the groups above; null refuses them. */
  defaultRole: Role | null;
};

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
};

export type ProxySettings = {
  /** Peer addresses whose identity headers are believed (null: only the shared secret counts). */
  trusted: BlockList | null;
  trustedText: string[];
  secret: string | null;
  secretHeader: string;
  userHeader: string;
  emailHeader: string;
  groupsHeader: string;
};

export type AuthConfig = {
  mode: AuthMode;
  /** Where users reach Tributary (oidc: the redirect URI is `${baseUrl}/auth/callback`). */
  baseUrl: string | null;
  /** Session cookies get `Secure` unless the base URL is plain http on localhost. */
  secureCookies: boolean;
  sessionMaxAgeSeconds: number;
  sessionIdleSeconds: number;
  oidc: OidcSettings | null;
  proxy: ProxySettings | null;
  mapping: ClaimMapping;
  /** /api/metrics without a token (for a Prometheus on a private network). */
  metricsPublic: boolean;
  /** Shown on the sign-in page by `npm run demo`: who the demo users are. */
  demoUsersHint: string | null;
};

const list = z
  .string()
  .optional()
  .transform((value) => (value ?? "").split(",").map((item) => item.trim()).filter(Boolean));
const flag = z.enum(["0", "1", "true", "false", ""]).optional().transform((value) => value === "1" || value === "true");
const headerName = (fallback: string) =>
  z.string().regex(/^[A-Za-z0-9-]+$/, "must be an HTTP header name").default(fallback).transform((value) => value.toLowerCase());

const authEnvSchema = z.object({
  AUTH_MODE: z.enum(["oidc", "proxy", "none"], { error: 'must be "oidc", "proxy" or "none"' }).default("none"),
  AUTH_ALLOW_NONE: flag,
  AUTH_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://tributary.example.com" }).optional(),
  AUTH_SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  AUTH_SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be the issuer URL, e.g. https://id.example.com/realms/main" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().default("openid profile email"),
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  AUTH_PROXY_TRUSTED: list,
  AUTH_PROXY_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  AUTH_PROXY_SECRET_HEADER: headerName("x-tributary-proxy-secret"),
  AUTH_PROXY_USER_HEADER: headerName("x-forwarded-user"),
  AUTH_PROXY_EMAIL_HEADER: headerName("x-forwarded-email"),
  AUTH_PROXY_GROUPS_HEADER: headerName("x-forwarded-groups"),
  AUTH_ADMIN_GROUPS: list,
  AUTH_EDITOR_GROUPS: list,
  AUTH_VIEWER_GROUPS: list,
  AUTH_MESSAGE_GROUPS: list,
  AUTH_SENSITIVE_GROUPS: list,
  AUTH_DEFAULT_ROLE: z.enum(["none", "viewer"]).default("none"),
  METRICS_PUBLIC: flag,
  AUTH_DEMO_USERS_HINT: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

/** Parses the AUTH_* / OIDC_* settings; throws one error listing every problem and how to fix it. */
export function parseAuthConfig(source: Record<string, string | undefined>): AuthConfig {
  // Empty variables count as unset (a compose file's `OIDC_ISSUER=` should not be "an invalid URL").
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = authEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw configError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  const mode = env.AUTH_MODE;

  if (mode === "none" && env.NODE_ENV === "production" && !env.AUTH_ALLOW_NONE) {
    problems.push(
      "AUTH_MODE=none turns sign-in off: anyone who reaches the port is an admin. It is refused when NODE_ENV=production. " +
        "Set AUTH_MODE=oidc or AUTH_MODE=proxy, or AUTH_ALLOW_NONE=1 to force it (a local machine only).",
    );
  }
  let oidc: OidcSettings | null = null;
  if (mode === "oidc") {
    const missing = (["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "AUTH_BASE_URL"] as const).filter((name) => !env[name]);
    for (const name of missing) problems.push(`${name}: required when AUTH_MODE=oidc (${OIDC_HINTS[name]})`);
    if (missing.length === 0) {
      oidc = { issuer: env.OIDC_ISSUER!, clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, scopes: env.OIDC_SCOPES, groupsClaim: env.OIDC_GROUPS_CLAIM };
      if (!env.OIDC_SCOPES.split(/\s+/).includes("openid")) problems.push('OIDC_SCOPES: must include "openid"');
    }
  }
  let proxy: ProxySettings | null = null;
  if (mode === "proxy") {
    const trusted = parseTrusted(env.AUTH_PROXY_TRUSTED, problems);
    if (!trusted && !env.AUTH_PROXY_SECRET) {
      problems.push(
        "AUTH_MODE=proxy needs AUTH_PROXY_TRUSTED (the proxy's addresses as CIDRs, e.g. 10.0.0.5/32) or AUTH_PROXY_SECRET " +
          "(a shared secret the proxy sends in the AUTH_PROXY_SECRET_HEADER header); otherwise anyone could send identity headers.",
      );
    }
    proxy = {
      trusted,
      trustedText: env.AUTH_PROXY_TRUSTED,
      secret: env.AUTH_PROXY_SECRET ?? null,
      secretHeader: env.AUTH_PROXY_SECRET_HEADER,
      userHeader: env.AUTH_PROXY_USER_HEADER,
      emailHeader: env.AUTH_PROXY_EMAIL_HEADER,
      groupsHeader: env.AUTH_PROXY_GROUPS_HEADER,
    };
  }
  if (problems.length > 0) throw configError(problems);

  const baseUrl = env.AUTH_BASE_URL ? env.AUTH_BASE_URL.replace(/\/+$/, "") : null;
  return {
    mode,
    baseUrl,
    secureCookies: !isLocalHttp(baseUrl),
    sessionMaxAgeSeconds: Math.round(env.AUTH_SESSION_MAX_AGE_HOURS * 3600),
    sessionIdleSeconds: Math.round(env.AUTH_SESSION_IDLE_MINUTES * 60),
    oidc,
    proxy,
    mapping: {
      adminGroups: env.AUTH_ADMIN_GROUPS,
      editorGroups: env.AUTH_EDITOR_GROUPS,
      viewerGroups: env.AUTH_VIEWER_GROUPS,
      messageGroups: env.AUTH_MESSAGE_GROUPS,
      sensitiveGroups: env.AUTH_SENSITIVE_GROUPS,
      defaultRole: env.AUTH_DEFAULT_ROLE === "viewer" ? "viewer" : null,
    },
    metricsPublic: env.METRICS_PUBLIC,
    demoUsersHint: env.AUTH_DEMO_USERS_HINT ?? null,
  };
}

const OIDC_HINTS = {
  OIDC_ISSUER: "the provider's issuer URL; its /.well-known/openid-configuration must answer",
  OIDC_CLIENT_ID: "the client registered for Tributary at the provider",
  OIDC_CLIENT_SECRET: "that client's secret (a confidential client)",
  AUTH_BASE_URL: "where users reach Tributary, e.g. https://tributary.example.com; the redirect URI is <base>/auth/callback",
} as const;

function parseTrusted(entries: string[], problems: string[]): BlockList | null {
  if (entries.length === 0) return null;
  const blockList = new BlockList();
  for (const entry of entries) {
    const [address, prefixText] = entry.split("/");
    const family = isIP(address ?? "");
    const maxPrefix = family === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      problems.push(`AUTH_PROXY_TRUSTED: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.5/32, 10.0.0.0/8, ::1/128)`);
      continue;
    }
    blockList.addSubnet(address!, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return blockList;
}

function isLocalHttp(baseUrl: string | null): boolean {
  if (!baseUrl) return true; // no base URL: proxy/none modes on a local port
  const url = new URL(baseUrl);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function configError(problems: string[]): Error {
  return new Error(`Invalid sign-in configuration (see README "Sign-in and roles"):\n${problems.map((line) => `  ${line}`).join("\n")}`);
}

let cached: AuthConfig | undefined;

/** This process's validated sign-in configuration, read once. */
export function getAuthConfig(): AuthConfig {
  cached ??= parseAuthConfig(process.env);
  return cached;
}
