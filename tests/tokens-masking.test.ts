// Integration (real app in AUTH_MODE=proxy, real broker, real PostgreSQL): API tokens (created,
// shown once, hashed, last-used, revoked, expired, scoped by role), masking of sensitive fields
// for readers without the sensitive-data permission (JSON, download, HTML), and the audit log
// with the authenticated subjects.
import pg from "pg";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../scripts/lib/app-process";
import { CLUSTER, createKafka, createTopic, pollUntil, uniqueName } from "./support/live-stack";
import { asUser, bearer, GROUPS, startProxyModeApp } from "./support/proxy-app";

const M = "••• masked";
const run = uniqueName("tok").split(".")[1]!;
const topic = `masking.${run}`;
const team = `tok-team-${run}`;
const service = `tok-svc-${run}`;
const RAW_EMAIL = `ada.${run}@secret.example`;
const RAW_CARD = `4111-${run}`;
const RAW_NOTE = `leave at door ${run}`;
const RAW_KEY = `cust-${run}@keys.example`;
const record = { orderId: `ord-${run}`, email: RAW_EMAIL, card: { number: RAW_CARD, expiry: "12/29" }, amount: 12.5, lines: [{ sku: "MUG-1", note: RAW_NOTE }] };
const maskedRecord = { orderId: `ord-${run}`, email: M, card: M, amount: 12.5, lines: [{ sku: "MUG-1", note: M }] };
const valueSchema = {
  type: "object",
  properties: {
    orderId: { type: "string" },
    email: { type: "string", "x-classification": "pii" },
    card: { $ref: "#/definitions/card" },
    amount: { type: "number" },
    lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" }, note: { type: "string", "x-classification": "sensitive" } } } },
  },
  definitions: { card: { type: "object", "x-classification": "sensitive" } },
};

const ADMIN = asUser(`admin-${run}`, [GROUPS.admin]);
const EDITOR = asUser(`editor-${run}`, [GROUPS.editor]);
const VIEWER = asUser(`viewer-${run}`, [GROUPS.viewer]);
const SENSITIVE_EDITOR = asUser(`trusted-${run}`, [GROUPS.editor, GROUPS.sensitive]);

let app: RunningApp;
let database: pg.Client;
const tokens: Record<"viewer" | "editor" | "admin", { id: string; secret: string }> = {} as never;

async function call(path: string, headers: Record<string, string>, init: RequestInit = {}) {
  const response = await fetch(`${app.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) }, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, json: () => JSON.parse(text) };
}
const postJson = (path: string, headers: Record<string, string>, body: unknown) =>
  call(path, headers, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  app = await startProxyModeApp("tokens");
  database = new pg.Client({ connectionString: process.env.TEST_APP_DATABASE_URL });
  await database.connect();
  const kafka = createKafka("tokens-masking-test");
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  await createTopic(admin, topic, 1);
  await producer.send({ topic, acks: -1, messages: [{ partition: 0, key: RAW_KEY, value: JSON.stringify(record) }, { partition: 0, key: RAW_KEY, value: `not json ${RAW_EMAIL}` }] });
  await Promise.all([admin.disconnect(), producer.disconnect()]);
});

afterAll(async () => {
  await database?.end();
  await app?.stop();
});

describe("API tokens", () => {
  it("an admin creates tokens: the secret is shown once, only its SHA-256 is stored, lists never carry it", async () => {
    for (const role of ["viewer", "editor", "admin"] as const) {
      const teamField = role === "editor" ? { team: "commerce" } : {};
      const created = await postJson("/api/tokens", ADMIN, { name: `${role} ${run}`, role, expiresInDays: 30, ...teamField });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get("cache-control")).toMatch(/^no-store\b/);
      const body = created.json();
      expect(body.secret).toMatch(/^trb_[A-Za-z0-9_-]{43}$/);
      expect(body.token).toMatchObject({ name: `${role} ${run}`, role, team: role === "editor" ? "commerce" : null, createdBy: `admin-${run}`, status: "active", lastUsedAt: null, prefix: body.secret.slice(0, 8) });
      tokens[role] = { id: body.token.id, secret: body.secret };
    }
    const stored = await database.query('SELECT "secretHash" FROM "ApiToken" WHERE id = $1', [tokens.admin.id]);
    const { createHash } = await import("node:crypto");
    expect(stored.rows[0].secretHash).toBe(createHash("sha256").update(tokens.admin.secret).digest("hex"));
    const list = await call("/api/tokens", ADMIN);
    expect(list.status).toBe(200);
    for (const { secret } of Object.values(tokens)) expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(stored.rows[0].secretHash);
  });

  it("refuses bad token input with 422 and non-admins with 403", async () => {
    const noTeam = await postJson("/api/tokens", ADMIN, { name: "x", role: "editor", expiresInDays: 30 });
    expect(noTeam.status).toBe(422);
    expect(noTeam.json().error.details.fieldErrors).toEqual({ team: ["An editor token needs the team it may write for"] });
    expect((await postJson("/api/tokens", ADMIN, { name: "x", role: "viewer", expiresInDays: 0 })).status).toBe(422);
    expect((await postJson("/api/tokens", ADMIN, { name: "x", role: "editor", team: `missing-${run}`, expiresInDays: 1 })).status).toBe(422);
    expect((await postJson("/api/tokens", EDITOR, { name: "x", role: "viewer", expiresInDays: 1 })).status).toBe(403);
    expect((await postJson("/api/tokens", bearer(tokens.editor.secret), { name: "x", role: "viewer", expiresInDays: 1 })).status).toBe(403);
    expect((await call("/api/tokens", VIEWER)).status).toBe(403);
  });

  it("a viewer token reads and scrapes metrics but gets 403 on a write; metrics without a token is 401", async () => {
    expect((await call("/api/clusters", bearer(tokens.viewer.secret))).status).toBe(200);
    expect((await call("/api/metrics", bearer(tokens.viewer.secret))).status).toBe(200);
    expect((await call("/api/metrics", {})).status).toBe(401);
    const write = await postJson("/api/catalog/teams", bearer(tokens.viewer.secret), { slug: `nope-${run}`, name: "Nope" });
    expect(write.status).toBe(403);
    expect(write.json().error.code).toBe("forbidden");
    // /api/health stays public: 200 or 503 by the dependencies, never 401.
    expect([200, 503]).toContain((await call("/api/health", {})).status);
  });

  it("an admin token imports a catalog YAML (the contract with sensitive fields), audited with the token's subject", async () => {
    const exported = await call("/api/catalog/export", bearer(tokens.admin.secret));
    expect(exported.status).toBe(200);
    const file = parseYaml(exported.text) as { teams: unknown[]; services: unknown[]; contracts: unknown[] };
    file.teams.push({ slug: team, name: `Tokens ${run}` });
    file.services.push({ slug: service, name: `Service ${run}`, team, tier: "low", lifecycle: "experimental" });
    file.contracts.push({ cluster: CLUSTER, topic, owner: service, classification: "pii", compatibility: "none", valueSchema, keySchema: { type: "string", "x-classification": "pii" } });
    const imported = await call("/api/catalog/import", bearer(tokens.admin.secret), { method: "POST", headers: { "content-type": "application/yaml" }, body: stringifyYaml(file) });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.json()).toMatchObject({ ok: true, applied: true });
    const audit = await database.query('SELECT actor, "actorSubject", "actorKind" FROM "AuditEntry" WHERE action = $1 AND "entityType" = $2 AND "entityKey" = $3', ["import:create", "contract", `${CLUSTER}/${topic}`]);
    expect(audit.rows).toEqual([{ actor: `token "admin ${run}"`, actorSubject: `token:${tokens.admin.id}`, actorKind: "token" }]);
  });

  it("records the last use, at most once a minute", async () => {
    const list = (await call("/api/tokens", ADMIN)).json().tokens as { id: string; lastUsedAt: string | null }[];
    const viewer = list.find((token) => token.id === tokens.viewer.id)!;
    expect(viewer.lastUsedAt).not.toBeNull();
    expect(Date.now() - Date.parse(viewer.lastUsedAt!)).toBeLessThan(120_000);
    await call("/api/clusters", bearer(tokens.viewer.secret));
    const again = (await call("/api/tokens", ADMIN)).json().tokens.find((token: { id: string }) => token.id === tokens.viewer.id);
    expect(again.lastUsedAt).toBe(viewer.lastUsedAt);
  });

  it("refuses revoked, expired and unknown tokens with 401, and audits the revocation", async () => {
    const revoked = await call(`/api/tokens/${tokens.viewer.id}`, ADMIN, { method: "DELETE" });
    expect(revoked.status).toBe(200);
    expect(revoked.json().token).toMatchObject({ status: "revoked", revokedBy: `admin-${run}` });
    const refused = await call("/api/clusters", bearer(tokens.viewer.secret));
    expect(refused.status).toBe(401);
    expect(refused.json().error.code).toBe("unauthorized");

    await database.query(`UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [tokens.editor.id]);
    expect((await call("/api/clusters", bearer(tokens.editor.secret))).status).toBe(401);
    expect((await call("/api/clusters", bearer(`trb_${"A".repeat(43)}`))).status).toBe(401);
    expect((await call("/api/clusters", bearer("garbage"))).status).toBe(401);

    const audit = await call(`/api/audit?entityType=token&actor=admin-${run}`, ADMIN);
    expect(audit.status).toBe(200);
    const actions = (audit.json().entries as { action: string; entityKey: string; actorSubject: string; actorKind: string }[]).map((entry) => [entry.action, entry.entityKey, entry.actorSubject, entry.actorKind]);
    expect(actions).toEqual([
      ["revoke", tokens.viewer.id, `admin-${run}`, "user"],
      ["create", tokens.admin.id, `admin-${run}`, "user"],
      ["create", tokens.editor.id, `admin-${run}`, "user"],
      ["create", tokens.viewer.id, `admin-${run}`, "user"],
    ]);
  });
});

describe("masking sensitive fields", () => {
  const messagesPath = `/api/clusters/${CLUSTER}/topics/${encodeURIComponent(topic)}/messages?from=offset&offset=0&limit=10`;
  const downloadPath = `/api/clusters/${CLUSTER}/topics/${encodeURIComponent(topic)}/messages/0/0/value`;

  it("shows an editor (no sensitive-data permission) the exact masked JSON, and the raw values nowhere", async () => {
    const response = await call(messagesPath, EDITOR);
    expect(response.status, response.text).toBe(200);
    const body = response.json();
    expect(body.masked).toBe(true);
    type Row = { offset: number; key: string | null; maskedKey?: boolean; value: unknown; maskedFields?: string[] };
    expect(body.messages.map((message: Row) => [message.offset, message.key, message.maskedKey, message.value, message.maskedFields])).toEqual([
      [0, M, true, { kind: "json", text: JSON.stringify(maskedRecord, null, 2), truncated: false }, ["/email", "/card", "/lines/0/note"]],
      [1, M, true, { kind: "text", text: expect.stringContaining(M), truncated: false }, [""]],
    ]);
    for (const raw of [RAW_EMAIL, RAW_CARD, RAW_NOTE, RAW_KEY]) expect(response.text).not.toContain(raw);
  });

  it("downloads masked JSON for such a reader, never the raw bytes", async () => {
    const download = await call(downloadPath, EDITOR);
    expect(download.status).toBe(200);
    expect(download.text).toBe(JSON.stringify(maskedRecord, null, 2));
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="${topic}-0-0.masked.json"`);
    const notJson = await call(downloadPath.replace("/0/0/", "/0/1/"), EDITOR);
    expect(notJson.status).toBe(403);
    expect(notJson.text).not.toContain(RAW_EMAIL);
  });

  it("masks for an editor token alike, and refuses a viewer message contents (403)", async () => {
    const created = await postJson("/api/tokens", ADMIN, { name: `ci ${run}`, role: "editor", team, expiresInDays: 1 });
    const tokenRead = await call(messagesPath, bearer(created.json().secret));
    expect(tokenRead.status).toBe(200);
    expect(tokenRead.json().messages[0].value.text).toBe(JSON.stringify(maskedRecord, null, 2));
    const viewer = await call(messagesPath, VIEWER);
    expect(viewer.status).toBe(403);
    expect(viewer.text).not.toContain(RAW_EMAIL);
    expect((await call(downloadPath, VIEWER)).status).toBe(403);
  });

  it("never embeds raw values in the topic page's HTML", async () => {
    const page = await pollUntil(
      "the topic page",
      async () => {
        const response = await call(`/clusters/${CLUSTER}/topics/${encodeURIComponent(topic)}`, EDITOR);
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 30_000, everyMs: 500 },
    );
    expect(page.text).toContain(topic);
    for (const raw of [RAW_EMAIL, RAW_CARD, RAW_NOTE, RAW_KEY]) expect(page.text).not.toContain(raw);
  });

  it("shows the raw values to a reader with the sensitive-data permission", async () => {
    const response = await call(messagesPath, SENSITIVE_EDITOR);
    expect(response.status).toBe(200);
    expect(response.json().masked).toBe(false);
    expect(response.json().messages[0].value.text).toBe(JSON.stringify(record, null, 2));
    expect(response.json().messages[0].key).toBe(RAW_KEY);
    const download = await call(downloadPath, SENSITIVE_EDITOR);
    expect(download.text).toBe(JSON.stringify(record));
  });

  it("audits every read of the classified topic with the reader's subject", async () => {
    const audit = await call(`/api/audit?entityType=topic&actor=${encodeURIComponent(`editor-${run}`)}`, ADMIN);
    expect(audit.status).toBe(200);
    const entries = (audit.json().entries as { action: string; entityKey: string; actorSubject: string; actorKind: string; after: Record<string, unknown> }[]).map((entry) => [
      entry.action,
      entry.entityKey,
      entry.actorSubject,
      entry.actorKind,
      entry.after.classification,
      entry.after.masked,
    ]);
    expect(entries).toEqual([
      ["messages.download", `${CLUSTER}/${topic}`, `editor-${run}`, "user", "pii", true],
      ["messages.download", `${CLUSTER}/${topic}`, `editor-${run}`, "user", "pii", true],
      ["messages.read", `${CLUSTER}/${topic}`, `editor-${run}`, "user", "pii", true],
    ]);
    const trusted = (await call(`/api/audit?action=messages.read&actor=${encodeURIComponent(`trusted-${run}`)}`, ADMIN)).json();
    expect(trusted.entries.map((entry: { after: { masked: boolean } }) => entry.after.masked)).toEqual([false]);
    expect((await call("/api/audit", EDITOR)).status).toBe(403);
    expect((await call("/api/audit?from=2026-13-01", ADMIN)).status).toBe(400);
  });
});

describe("conformance violations on the topic detail", () => {
  const badRecord = { ...record, amount: "12" };
  const detailPath = `/api/clusters/${CLUSTER}/topics/${encodeURIComponent(topic)}`;
  type Violation = { offset: number; message: string; value: { kind: string; text?: string } };
  const violationsAs = async (headers: Record<string, string>) => {
    const response = await call(detailPath, headers);
    expect(response.status).toBe(200);
    // Offsets 0 and 1 were written before the contract: only what this test writes now counts.
    const all = (response.json().conformance?.latestViolations ?? []) as Violation[];
    return { text: response.text, violations: all.filter((violation) => violation.offset >= 2) };
  };

  it("masks sampled values for readers without the sensitive-data permission and hides them from viewers", async () => {
    // Produced now that the contract exists, so the collector's sampler checks them against it.
    const producer = createKafka("tokens-masking-violations").producer();
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ partition: 0, value: JSON.stringify(badRecord) }, { partition: 0, value: `broken ${RAW_EMAIL}` }] });
    await producer.disconnect();
    const full = await pollUntil(
      "both violations sampled",
      async () => {
        const { violations } = await violationsAs(SENSITIVE_EDITOR);
        return violations.length === 2 ? violations : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1_000 },
    );
    expect(full.map((violation) => [violation.offset, violation.value.text])).toEqual([
      [3, `broken ${RAW_EMAIL}`],
      [2, JSON.stringify(badRecord, null, 2)],
    ]);

    const editor = await violationsAs(EDITOR);
    expect(editor.violations.map((violation) => [violation.offset, violation.message, violation.value])).toEqual([
      [3, "value is not JSON", { kind: "text", text: expect.stringContaining(M), truncated: false }],
      [2, "must be number", { kind: "json", text: JSON.stringify({ ...maskedRecord, amount: "12" }, null, 2), truncated: false }],
    ]);
    const viewer = await violationsAs(VIEWER);
    expect(viewer.violations.map((violation) => violation.value)).toEqual([
      { kind: "text", text: "••• hidden (reading message contents needs the message-reader permission)", truncated: false },
      { kind: "text", text: "••• hidden (reading message contents needs the message-reader permission)", truncated: false },
    ]);
    for (const raw of [RAW_EMAIL, RAW_CARD, RAW_NOTE]) {
      expect(editor.text).not.toContain(raw);
      expect(viewer.text).not.toContain(raw);
    }
  });
});
