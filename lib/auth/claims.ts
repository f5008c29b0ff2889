import type { ClaimMapping } from "@/lib/auth/config";
import type { Principal, Role } from "@/lib/auth/types";

/** A team as the mapping needs it: its slug and the provider group whose members belong to it. */
export type TeamGroup = { slug: string; providerGroup: string | null };

export type Identity = { subject: string; name: string; email: string | null; groups: string[] };

/**
 * The role a set of groups gives: the highest role whose groups it meets, else the configured
 * default; null when the user is in none and there is no default (sign-in is refused).
 */
export function roleFromGroups(groups: readonly string[], mapping: ClaimMapping): Role | null {
  const has = (names: string[]) => names.some((name) => groups.includes(name));
  if (has(mapping.adminGroups)) return "admin";
  if (has(mapping.editorGroups)) return "editor";
  if (has(mapping.viewerGroups)) return "viewer";
  return mapping.defaultRole;
}

/** The principal of a signed-in person: role and message permissions from groups, teams from Team.providerGroup. */
export function principalFromIdentity(identity: Identity, mapping: ClaimMapping, teams: readonly TeamGroup[]): Principal | null {
  const role = roleFromGroups(identity.groups, mapping);
  if (!role) return null;
  const inAny = (names: string[]) => names.some((name) => identity.groups.includes(name));
  const readSensitive = role === "admin" || inAny(mapping.sensitiveGroups);
  // Editors read the messages of the topics they build; viewers need a message group.
  const readMessages = role !== "viewer" || readSensitive || inAny(mapping.messageGroups);
  return {
    kind: "user",
    subject: identity.subject,
    name: identity.name,
    email: identity.email,
    role,
    teams: teams.filter((team) => team.providerGroup !== null && identity.groups.includes(team.providerGroup)).map((team) => team.slug).sort(),
    permissions: { readMessages, readSensitive },
  };
}

/**
 * A groups claim as a list of names. Providers send an array of strings (Keycloak, Okta, Entra),
 * some a single string; Keycloak with "full group path" prefixes "/", which is kept: configure the
 * names as the provider sends them.
 */
export function readGroupsClaim(value: unknown): string[] {
  if (typeof value === "string") return value.split(",").map((group) => group.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string" && group.length > 0);
  return [];
}

/** The principal of AUTH_MODE=none: a local admin. */
export const LOCAL_PRINCIPAL: Principal = {
  kind: "local",
  subject: "local",
  name: "local (sign-in off)",
  email: null,
  role: "admin",
  teams: [],
  permissions: { readMessages: true, readSensitive: true },
};
