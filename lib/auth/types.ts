/** Who is asking. Built by lib/auth/principal.ts from a session, a proxy's headers, a token or AUTH_MODE=none. */
export type Role = "viewer" | "editor" | "admin";

export type Principal = {
  /** local = AUTH_MODE=none (no sign-in at all). */
  kind: "user" | "token" | "local";
  /** OIDC `sub`, the proxy's user, or "token:<id>". */
  subject: string;
  /** For display and the audit log. */
  name: string;
  email: string | null;
  role: Role;
  /** Catalog Team.slug values the principal belongs to (through Team.providerGroup). */
  teams: string[];
  permissions: { readMessages: boolean; readSensitive: boolean };
};

export type AuthMode = "oidc" | "proxy" | "none";
