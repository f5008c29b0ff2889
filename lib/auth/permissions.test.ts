import { describe, expect, it } from "vitest";
import { can, type Action } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/types";

const person = (role: Principal["role"], teams: string[] = [], permissions = { readMessages: false, readSensitive: false }): Principal => ({
  kind: "user", subject: `sub-${role}`, name: role, email: null, role, teams, permissions,
});
const viewer = person("viewer");
const editorA = person("editor", ["team-a"], { readMessages: true, readSensitive: false });
const admin = person("admin", [], { readMessages: true, readSensitive: true });

const everyAction: Action[] = [
  { kind: "catalog.read" }, { kind: "metrics.read" }, { kind: "messages.read" }, { kind: "messages.readSensitive" },
  { kind: "team.write" }, { kind: "service.write", team: "team-a" }, { kind: "contract.write", team: "team-a" },
  { kind: "catalog.import" }, { kind: "tokens.manage" }, { kind: "audit.read" },
  { kind: "alerts.write", team: "team-a" }, { kind: "alerts.silence", team: "team-a" }, { kind: "alerts.silence", team: null },
];

describe("can", () => {
  it("refuses everything to nobody", () => {
    for (const action of everyAction) expect(can(null, action)).toBe(false);
  });

  it("allows everything to an admin", () => {
    for (const action of everyAction) expect(can(admin, action)).toBe(true);
  });

  it("lets a viewer read the catalog and metrics but not messages, and write nothing", () => {
    const allowed = everyAction.filter((action) => can(viewer, action)).map((action) => action.kind);
    expect(allowed).toEqual(["catalog.read", "metrics.read"]);
  });

  it("lets an editor write their own team's services, contracts and alerts only", () => {
    expect(can(editorA, { kind: "service.write", team: "team-a" })).toBe(true);
    expect(can(editorA, { kind: "service.write", team: "team-b" })).toBe(false);
    expect(can(editorA, { kind: "contract.write", team: "team-a" })).toBe(true);
    expect(can(editorA, { kind: "contract.write", team: "team-b" })).toBe(false);
    expect(can(editorA, { kind: "alerts.write", team: "team-b" })).toBe(false);
    expect(can(editorA, { kind: "alerts.silence", team: "team-a" })).toBe(true);
    expect(can(editorA, { kind: "alerts.silence", team: null })).toBe(false);
    for (const kind of ["team.write", "catalog.import", "tokens.manage", "audit.read"] as const) expect(can(editorA, { kind })).toBe(false);
  });

  it("does not let a viewer write a team's service even when they belong to the team", () => {
    expect(can(person("viewer", ["team-a"]), { kind: "service.write", team: "team-a" })).toBe(false);
  });

  it("gates message contents and sensitive fields on the principal's permissions", () => {
    expect(can(editorA, { kind: "messages.read" })).toBe(true);
    expect(can(editorA, { kind: "messages.readSensitive" })).toBe(false);
    const reader = person("viewer", [], { readMessages: true, readSensitive: true });
    expect(can(reader, { kind: "messages.read" })).toBe(true);
    expect(can(reader, { kind: "messages.readSensitive" })).toBe(true);
    // Sensitive without message access reads nothing.
    expect(can(person("viewer", [], { readMessages: false, readSensitive: true }), { kind: "messages.readSensitive" })).toBe(false);
  });
});
