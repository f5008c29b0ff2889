// Integration (a second instance of the built app in AUTH_MODE=proxy, real PostgreSQL), issue 14:
// a team's alert rules and channels are editable by that team's editors and by admins only;
// silences naming a team are that team's, others an admin's. Refusals change nothing.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../scripts/lib/app-process";
import { mustWrite } from "./support/alerts-stack";
import { asUser, GROUPS, startProxyModeApp } from "./support/proxy-app";

const run = randomBytes(3).toString("hex");
const OWN = `alerts-own-${run}`;
const OTHER = `alerts-other-${run}`;
const TEAM_GROUP = `grp-alerts-${run}`;
const EDITOR = asUser(`editor-${run}`, [GROUPS.editor, TEAM_GROUP]);
const VIEWER = asUser(`viewer-${run}`, [GROUPS.viewer, TEAM_GROUP]);
const ADMIN = asUser(`admin-${run}`, [GROUPS.admin]);
const OVERRIDE = { enabled: true, forSec: 5, severity: "info", threshold: null };

let app: RunningApp;

beforeAll(async () => {
  await mustWrite(201, "POST", "/api/catalog/teams", { slug: OWN, name: `Own ${run}` });
  await mustWrite(201, "POST", "/api/catalog/teams", { slug: OTHER, name: `Other ${run}` });
  // Team membership comes from the identity provider's group mapped on the team.
  const client = new pg.Client({ connectionString: process.env.TEST_APP_DATABASE_URL });
  await client.connect();
  await client.query(`UPDATE "Team" SET "providerGroup" = $1 WHERE "slug" = $2`, [TEAM_GROUP, OWN]);
  await client.end();
  app = await startProxyModeApp("alerts");
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...headers, "content-type": "application/json", origin: app.url, "sec-fetch-site": "same-origin" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const overrideOf = async (team: string) =>
  (await call("GET", `/api/alerts/teams/${team}`, ADMIN)).body.builtins.find((rule: { id: string }) => rule.id === "group-stuck").override;

describe("who may change a team's alerts", () => {
  it("the team's editor may; an editor of another team, a viewer and nobody may not, and nothing changes", async () => {
    expect((await call("PUT", `/api/alerts/teams/${OWN}/overrides/group-stuck`, EDITOR, OVERRIDE)).status).toBe(200);
    expect(await overrideOf(OWN)).toEqual(OVERRIDE);

    const otherTeam = await call("PUT", `/api/alerts/teams/${OTHER}/overrides/group-stuck`, EDITOR, OVERRIDE);
    expect(otherTeam.status).toBe(403);
    expect(otherTeam.body.error.code).toBe("forbidden");
    const viewer = await call("PUT", `/api/alerts/teams/${OWN}/overrides/group-stuck`, VIEWER, { ...OVERRIDE, forSec: 99 });
    expect(viewer.status).toBe(403);
    const nobody = await call("PUT", `/api/alerts/teams/${OWN}/overrides/group-stuck`, {}, { ...OVERRIDE, forSec: 99 });
    expect(nobody.status).toBe(401);
    const channel = await call("POST", `/api/alerts/teams/${OTHER}/channels`, EDITOR, { name: "x", kind: "slack", url: "https://hooks.slack.com/services/x" });
    expect(channel.status).toBe(403);
    expect(await overrideOf(OWN)).toEqual(OVERRIDE);
    expect(await overrideOf(OTHER)).toBeNull();
    expect((await call("GET", `/api/alerts/teams/${OTHER}`, ADMIN)).body.channels).toEqual([]);

    expect((await call("PUT", `/api/alerts/teams/${OTHER}/overrides/group-stuck`, ADMIN, OVERRIDE)).status).toBe(200);
  });

  it("a silence naming the team is its editor's; one naming no team is an admin's", async () => {
    const endsAt = new Date(Date.now() + 600_000).toISOString();
    const own = await call("POST", "/api/alerts/silences", EDITOR, { matchers: [{ label: "team", value: OWN }], endsAt, reason: "deploy" });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ author: `editor-${run}`, active: true, matchers: [{ label: "team", value: OWN }] });
    const wide = await call("POST", "/api/alerts/silences", EDITOR, { matchers: [{ label: "cluster", value: "local" }], endsAt, reason: "everything" });
    expect(wide.status).toBe(403);
    const viewer = await call("POST", "/api/alerts/silences", VIEWER, { matchers: [{ label: "team", value: OWN }], endsAt, reason: "deploy" });
    expect(viewer.status).toBe(403);
    const ended = await call("DELETE", `/api/alerts/silences/${own.body.id}`, EDITOR);
    expect([ended.status, ended.body.active]).toEqual([200, false]);
  });
});
