import { describe, expect, it } from "vitest";
import { principalFromIdentity, readGroupsClaim, roleFromGroups } from "@/lib/auth/claims";
import type { ClaimMapping } from "@/lib/auth/config";

const mapping: ClaimMapping = {
  adminGroups: ["tributary-admins"],
  editorGroups: ["tributary-editors"],
  viewerGroups: ["tributary-viewers"],
  messageGroups: ["tributary-messages"],
  sensitiveGroups: ["tributary-sensitive"],
  defaultRole: null,
};
const teams = [
  { slug: "commerce", providerGroup: "team-commerce" },
  { slug: "fulfilment", providerGroup: "team-fulfilment" },
  { slug: "trust", providerGroup: null },
];
const identity = (groups: string[]) => ({ subject: "s-1", name: "Cora", email: "cora@shop.example", groups });

describe("roleFromGroups", () => {
  it("takes the highest role the groups give", () => {
    expect(roleFromGroups(["tributary-viewers", "tributary-admins"], mapping)).toBe("admin");
    expect(roleFromGroups(["tributary-viewers", "tributary-editors"], mapping)).toBe("editor");
    expect(roleFromGroups(["tributary-viewers"], mapping)).toBe("viewer");
  });

  it("refuses a user in no group unless a default role is configured", () => {
    expect(roleFromGroups(["team-commerce"], mapping)).toBeNull();
    expect(roleFromGroups([], { ...mapping, defaultRole: "viewer" })).toBe("viewer");
  });

  it("compares group names exactly", () => {
    expect(roleFromGroups(["Tributary-Admins", "/tributary-admins"], mapping)).toBeNull();
  });
});

describe("principalFromIdentity", () => {
  it("maps teams through Team.providerGroup and never through a team without one", () => {
    const principal = principalFromIdentity(identity(["tributary-editors", "team-fulfilment", "team-commerce", "trust"]), mapping, teams);
    expect(principal).toEqual({
      kind: "user",
      subject: "s-1",
      name: "Cora",
      email: "cora@shop.example",
      role: "editor",
      teams: ["commerce", "fulfilment"],
      permissions: { readMessages: true, readSensitive: false },
    });
  });

  it("gives a viewer message access only through the message or sensitive groups", () => {
    expect(principalFromIdentity(identity(["tributary-viewers"]), mapping, teams)?.permissions).toEqual({ readMessages: false, readSensitive: false });
    expect(principalFromIdentity(identity(["tributary-viewers", "tributary-messages"]), mapping, teams)?.permissions).toEqual({ readMessages: true, readSensitive: false });
    expect(principalFromIdentity(identity(["tributary-viewers", "tributary-sensitive"]), mapping, teams)?.permissions).toEqual({ readMessages: true, readSensitive: true });
  });

  it("returns null for a user no mapping admits", () => {
    expect(principalFromIdentity(identity(["team-commerce"]), mapping, teams)).toBeNull();
  });
});

describe("readGroupsClaim", () => {
  it("reads arrays, comma-separated strings and nothing else", () => {
    expect(readGroupsClaim(["a", "", 3, "b"])).toEqual(["a", "b"]);
    expect(readGroupsClaim("a, b,,c")).toEqual(["a", "b", "c"]);
    expect(readGroupsClaim(undefined)).toEqual([]);
    expect(readGroupsClaim({ a: 1 })).toEqual([]);
  });
});
