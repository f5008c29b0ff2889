// Server-side sessions and the team mapping against real PostgreSQL (a throwaway migrated
// database): what the cookie holds is never stored, expiry and idle time end a session, deletion
// is immediate, and a team's provider group decides membership.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { parseAuthConfig } from "@/lib/auth/config";
import { principalFromIdentity } from "@/lib/auth/claims";
import { createSession, deleteSession, findSession } from "@/lib/auth/session";
import { setTeamProviderGroup } from "@/lib/auth/team-groups";
import type { Principal } from "@/lib/auth/types";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";

const config = parseAuthConfig({
  AUTH_MODE: "oidc",
  OIDC_ISSUER: "https://id.example.com/realms/main",
  OIDC_CLIENT_ID: "tributary",
  OIDC_CLIENT_SECRET: "secret",
  AUTH_BASE_URL: "https://tributary.example.com",
  AUTH_SESSION_MAX_AGE_HOURS: "2",
  AUTH_SESSION_IDLE_MINUTES: "30",
  AUTH_EDITOR_GROUPS: "editors",
});
const identity = { subject: "sub-1", name: "Cora", email: "cora@shop.example", groups: ["editors", "team-commerce"] };
const admin: Principal = { kind: "user", subject: "sub-admin", name: "Ada", email: "ada@shop.example", role: "admin", teams: [], permissions: { readMessages: true, readSensitive: true } };
const minutes = (at: Date, count: number) => new Date(at.getTime() + count * 60_000);

let database: CatalogTestDatabase;
beforeAll(async () => {
  database = await openCatalogTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("sessions", () => {
  it("stores only the SHA-256 of the cookie's 32 random bytes, with the ID token for logout", async () => {
    const now = new Date("2026-12-03T08:00:00Z");
    const { cookieValue, expiresAt } = await createSession(database.db, identity, "id-token-1", config, now);
    expect(Buffer.from(cookieValue, "base64url")).toHaveLength(32);
    expect(expiresAt).toEqual(new Date("2026-12-03T10:00:00Z"));
    const rows = await database.db.authSession.findMany({ where: { subject: "sub-1" } });
    expect(rows.map((row) => row.id)).toEqual([createHash("sha256").update(cookieValue).digest("hex")]);
    expect(await findSession(database.db, cookieValue, config, minutes(now, 1))).toEqual({ ...identity, idToken: "id-token-1", expiresAt });
    expect(await deleteSession(database.db, cookieValue)).toEqual({ idToken: "id-token-1" });
    expect(await findSession(database.db, cookieValue, config, minutes(now, 2))).toBeNull();
  });

  it("ends a session idle for longer than the idle timeout, and one past its maximum age even when in use", async () => {
    const now = new Date("2026-12-03T08:00:00Z");
    const idle = await createSession(database.db, { ...identity, subject: "idle" }, null, config, now);
    expect(await findSession(database.db, idle.cookieValue, config, minutes(now, 31))).toBeNull();
    expect(await database.db.authSession.count({ where: { subject: "idle" } })).toBe(0);

    const busy = await createSession(database.db, { ...identity, subject: "busy" }, null, config, now);
    for (const at of [20, 40, 60, 80, 100]) expect(await findSession(database.db, busy.cookieValue, config, minutes(now, at)), `${at} min`).not.toBeNull();
    expect(await findSession(database.db, busy.cookieValue, config, minutes(now, 121))).toBeNull();
  });

  it("refuses cookie values that could not have come from createSession", async () => {
    for (const value of ["", "x", "a".repeat(44), "%".repeat(43)]) expect(await findSession(database.db, value, config)).toBeNull();
  });
});

describe("team provider groups", () => {
  it("make the members of a group members of the team, one team per group, audited", async () => {
    await database.db.team.createMany({ data: [{ slug: "commerce", name: "Commerce" }, { slug: "trust", name: "Trust" }] });
    expect(await setTeamProviderGroup(database.db, "commerce", "team-commerce", admin)).toEqual({ ok: true, team: { slug: "commerce", providerGroup: "team-commerce" } });
    expect(await setTeamProviderGroup(database.db, "trust", "team-commerce", admin)).toEqual({ ok: false, reason: "taken", byTeam: "commerce" });
    expect(await setTeamProviderGroup(database.db, "nobody", "x", admin)).toEqual({ ok: false, reason: "not-found" });

    const teams = await database.db.team.findMany({ select: { slug: true, providerGroup: true } });
    expect(principalFromIdentity(identity, config.mapping, teams)?.teams).toEqual(["commerce"]);
    const audit = await database.db.auditEntry.findMany({ where: { entityType: "team" }, select: { actor: true, actorSubject: true, action: true, entityKey: true, before: true, after: true } });
    expect(audit).toEqual([
      { actor: "ada@shop.example", actorSubject: "sub-admin", action: "update", entityKey: "commerce", before: { providerGroup: null }, after: { providerGroup: "team-commerce" } },
    ]);
  });
});
