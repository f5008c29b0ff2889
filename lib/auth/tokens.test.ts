import { describe, expect, it } from "vitest";
import { generateTokenSecret, hashTokenSecret, toApiTokenView, toTokenPrincipal } from "@/lib/auth/tokens";

const row = {
  id: "7d0f5c1e-2a8b-4c3d-9e1f-0a1b2c3d4e5f",
  name: "ci import",
  secretHash: "h",
  prefix: "trb_AbCd",
  role: "editor",
  team: "commerce",
  createdBy: "ada@example.com",
  createdAt: new Date("2026-12-01T00:00:00Z"),
  expiresAt: new Date("2026-12-31T00:00:00Z"),
  lastUsedAt: null,
  revokedAt: null,
  revokedBy: null,
};

describe("API token secrets", () => {
  it("are trb_ and 43 base64url characters (32 random bytes), never twice the same", () => {
    const [a, b] = [generateTokenSecret(), generateTokenSecret()];
    expect(a).toMatch(/^trb_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("are stored as their SHA-256 in hex", () => {
    expect(hashTokenSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("toApiTokenView", () => {
  it("says whether a token is active, expired or revoked, and never carries the hash", () => {
    const view = toApiTokenView(row, new Date("2026-12-02T00:00:00Z"));
    expect(view).toEqual({
      id: row.id, name: "ci import", prefix: "trb_AbCd", role: "editor", team: "commerce", createdBy: "ada@example.com",
      createdAt: "2026-12-01T00:00:00.000Z", expiresAt: "2026-12-31T00:00:00.000Z", lastUsedAt: null, revokedAt: null, revokedBy: null, status: "active",
    });
    expect(toApiTokenView(row, new Date("2026-12-31T00:00:00Z")).status).toBe("expired");
    expect(toApiTokenView({ ...row, revokedAt: new Date("2026-12-02T00:00:00Z"), revokedBy: "bob" }, new Date("2026-12-03T00:00:00Z")).status).toBe("revoked");
  });
});

describe("toTokenPrincipal", () => {
  it("acts with the token's role, its one team and the role's message permissions", () => {
    expect(toTokenPrincipal(row)).toEqual({
      kind: "token", subject: `token:${row.id}`, name: 'token "ci import"', email: null, role: "editor", teams: ["commerce"],
      permissions: { readMessages: true, readSensitive: false },
    });
    expect(toTokenPrincipal({ ...row, role: "viewer", team: null }).permissions).toEqual({ readMessages: false, readSensitive: false });
    expect(toTokenPrincipal({ ...row, role: "admin", team: null }).permissions).toEqual({ readMessages: true, readSensitive: true });
  });
});
