import type { Principal } from "@/lib/auth/types";

/** Everything the seam asks permission for. Team-scoped actions name the catalog team slug that owns the thing. */
export type Action =
  | { kind: "catalog.read" }
  | { kind: "metrics.read" }
  | { kind: "messages.read" }
  | { kind: "messages.readSensitive" }
  /** Create, edit and delete teams, including their provider group (the role mapping). */
  | { kind: "team.write" }
  | { kind: "service.write"; team: string }
  | { kind: "contract.write"; team: string }
  | { kind: "catalog.import" }
  | { kind: "tokens.manage" }
  | { kind: "audit.read" }
  | { kind: "alerts.write"; team: string }
  /** team null: an alert no team owns (cluster-wide), which only an admin may silence. */
  | { kind: "alerts.silence"; team: string | null };

export type ActionKind = Action["kind"];

/**
 * The one question the seam asks. Rules:
 * - nobody signed in may do nothing;
 * - an admin may do everything;
 * - anyone signed in (viewer and up) reads the catalog, the observations and the metrics;
 * - message contents need `permissions.readMessages`, unmasked sensitive fields `readSensitive`;
 * - an editor writes the services, contracts and alerts of their own teams only;
 * - teams, import, tokens and the audit log are the admin's.
 */
export function can(principal: Principal | null, action: Action): boolean {
  if (!principal) return false;
  if (principal.role === "admin") return true;
  switch (action.kind) {
    case "catalog.read":
    case "metrics.read":
      return true;
    case "messages.read":
      return principal.permissions.readMessages;
    case "messages.readSensitive":
      return principal.permissions.readMessages && principal.permissions.readSensitive;
    case "service.write":
    case "contract.write":
    case "alerts.write":
      return principal.role === "editor" && principal.teams.includes(action.team);
    case "alerts.silence":
      return principal.role === "editor" && action.team !== null && principal.teams.includes(action.team);
    case "team.write":
    case "catalog.import":
    case "tokens.manage":
    case "audit.read":
      return false;
  }
}

/** A sentence for the 403 body: what was refused, never who may do it instead. */
export function describeRefusal(action: Action): string {
  switch (action.kind) {
    case "catalog.read":
    case "metrics.read":
      return "You are not allowed to read this.";
    case "messages.read":
      return "Reading message contents needs the message-reader permission.";
    case "messages.readSensitive":
      return "Reading sensitive fields needs the sensitive-data permission.";
    case "service.write":
      return `Only editors of team "${action.team}" and admins may change this service.`;
    case "contract.write":
      return `Only editors of team "${action.team}" and admins may change this contract.`;
    case "alerts.write":
    case "alerts.silence":
      return action.team ? `Only editors of team "${action.team}" and admins may change this alert.` : "Only admins may change this alert.";
    case "team.write":
      return "Only admins may create, change or delete teams.";
    case "catalog.import":
      return "Only admins may import the catalog.";
    case "tokens.manage":
      return "Only admins may manage API tokens.";
    case "audit.read":
      return "Only admins may read the audit log.";
  }
}
