// Sign-in, roles and enforcement through the real Keycloak login page (scripts/test.ts starts
// Keycloak), against the sign-in tests' own apps: one in oidc mode, one in proxy mode, on the test
// stack's database (the demo catalog: orders belongs to team commerce, shipping to fulfilment).
import { expect, request as playwrightRequest, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { RunningApp } from "../scripts/lib/app-process";
import { KEYCLOAK_REALM } from "../scripts/lib/keycloak";
import {
  PROXY_SECRET, actionId, callAction, linkDemoTeamsToGroups, oidcAppUrl, proxyAppPort, signIn, startOidcApp, startProxyApp, withDatabase,
} from "./support/sign-in";

test.describe.configure({ mode: "serial" });

const apps: RunningApp[] = [];
const run = Date.now().toString(36);

// scripts/test.ts starts Keycloak unless the machine has no Java 21+ (it says so); then only the proxy-mode test runs.
const withKeycloak = Boolean(process.env.TEST_KEYCLOAK_URL);
const needsKeycloak = () => test.skip(!withKeycloak, "no Keycloak in this run (no Java 21+: see the run's log)");

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // trust gets its group through the admin's form below.
  await linkDemoTeamsToGroups(["commerce", "fulfilment"]);
  apps.push(...(await Promise.all([...(withKeycloak ? [startOidcApp()] : []), startProxyApp()])));
});

// The contexts a test opens itself: closed after it, so that their pages (still polling an app
// that afterAll stops) do not live on in the worker's browser beside the next spec's pages.
const contexts: BrowserContext[] = [];
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

test.afterAll(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
});

async function signedInPage(browser: Browser, username: string, pathname = "/catalog"): Promise<Page> {
  // Each user in a context of their own: no Keycloak SSO cookie is shared between them.
  const page = await newPage(browser);
  await signIn(page, username, `${username}-pass`, pathname);
  return page;
}

const serviceVersion = async (page: Page, slug: string) =>
  ((await (await page.request.get(`${oidcAppUrl}/api/catalog/services/${slug}`)).json()) as { service: { version: number } }).service.version;

test("a viewer sees no edit controls and is refused by the write APIs and actions", async ({ browser }) => {
  needsKeycloak();
  const page = await signedInPage(browser, "viewer", "/catalog/services/orders");
  await expect(page.getByTestId("service-name")).toHaveText("Orders");
  await expect(page.getByTestId("user-role")).toHaveText("viewer");
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete service/ })).toHaveCount(0);
  await page.goto(`${oidcAppUrl}/catalog/teams`);
  await expect(page.getByRole("heading", { name: "Teams" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New team" })).toHaveCount(0);
  await page.goto(`${oidcAppUrl}/catalog/import`);
  await expect(page.getByTestId("import-not-allowed")).toBeVisible();

  const version = await serviceVersion(page, "orders");
  const put = await page.request.put(`${oidcAppUrl}/api/catalog/services/orders`, { data: { version, description: "viewer was here" } });
  expect(put.status()).toBe(403);
  expect(await put.json()).toEqual({ error: { code: "forbidden", message: 'Only editors of team "commerce" and admins may change this service.' } });
  const messages = await page.request.get(`${oidcAppUrl}/api/clusters/local/topics/orders.created/messages`);
  expect(messages.status()).toBe(403);
  expect(await messages.json()).toEqual({ error: { code: "forbidden", message: "Reading message contents needs the message-reader permission." } });
  const importing = await page.request.post(`${oidcAppUrl}/api/catalog/import?dryRun=1`, { data: "version: 1\n", headers: { "content-type": "text/plain" } });
  expect(importing.status()).toBe(403);

  const slug = `auth-viewer-${run}`;
  const action = await callAction(page, "/catalog/teams/new", actionId("app/catalog/teams/actions.ts", "createTeamAction"), [
    null,
    { slug, name: "Viewer's team", description: "", email: "", chatChannel: "", oncallUrl: "" },
  ]);
  expect(action.status).toBe(200);
  expect(action.text).toContain('"code":"forbidden"');
  expect(action.text).toContain("Only admins may create, change or delete teams.");
  expect((await page.request.get(`${oidcAppUrl}/api/catalog/teams/${slug}`)).status()).toBe(404);
  expect(await serviceVersion(page, "orders")).toBe(version);
});

test("an editor of commerce edits commerce's service and is refused fulfilment's", async ({ browser }) => {
  needsKeycloak();
  const page = await signedInPage(browser, "commerce-editor", "/catalog/services/orders");
  await expect(page.getByTestId("user-role")).toHaveText("editor");
  await expect(page.getByTestId("user-menu")).toContainText("commerce");
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const description = `Accepts checkouts (edited by commerce-editor ${run}).`;
  await page.getByLabel("Description", { exact: true }).fill(description);
  await page.getByRole("button", { name: "Save service" }).click();
  await expect(page).toHaveURL(`${oidcAppUrl}/catalog/services/orders?saved=1`);
  await expect(page.getByTestId("service-details")).toContainText(description);
  const entry = await withDatabase(async (client) =>
    (await client.query(`SELECT actor, "actorSubject", "actorKind" FROM "AuditEntry" WHERE "entityType" = 'service' AND "entityKey" = 'orders' ORDER BY id DESC LIMIT 1`)).rows[0],
  );
  expect(entry).toMatchObject({ actor: "commerce-editor@shop.example", actorKind: "user" });
  expect(entry.actorSubject).toMatch(/^[0-9a-f-]{36}$/);

  await page.goto(`${oidcAppUrl}/catalog/services/shipping`);
  await expect(page.getByTestId("service-name")).toHaveText("Shipping");
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await page.goto(`${oidcAppUrl}/catalog/services/shipping/edit`);
  await expect(page.getByTestId("not-allowed")).toHaveText('Only editors of team "fulfilment" and admins may edit this service.');
  const version = await serviceVersion(page, "shipping");
  const put = await page.request.put(`${oidcAppUrl}/api/catalog/services/shipping`, { data: { version, description: "not mine" } });
  expect(put.status()).toBe(403);
  expect(await put.json()).toEqual({ error: { code: "forbidden", message: 'Only editors of team "fulfilment" and admins may change this service.' } });
  const action = await callAction(page, "/catalog/services/shipping/edit", actionId("app/catalog/services/actions.ts", "updateServiceAction"), [
    null,
    { slug: "shipping", version, values: { description: "not mine" } },
  ]);
  expect(action.text).toContain('"code":"forbidden"');
  const teamPut = await page.request.put(`${oidcAppUrl}/api/catalog/teams/commerce`, { data: { version: 1, name: "Commerce" } });
  expect(teamPut.status()).toBe(403);
  expect(await serviceVersion(page, "shipping")).toBe(version);

  // Cross-site writes stay refused with a valid session.
  const orders = await serviceVersion(page, "orders");
  const crossSite = await page.request.put(`${oidcAppUrl}/api/catalog/services/orders`, {
    data: { version: orders, description: "from evil" },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
  expect(((await crossSite.json()) as { error: { message: string } }).error.message).toMatch(/^Cross-site request refused/);
  expect(await serviceVersion(page, "orders")).toBe(orders);
});

test("an admin edits a team, and signing out ends the session here and at Keycloak", async ({ browser }) => {
  needsKeycloak();
  const page = await signedInPage(browser, "admin", "/catalog/teams/trust");
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const description = `Fraud detection and risk scoring (admin ${run}).`;
  await page.getByLabel("Description", { exact: true }).fill(description);
  await page.getByRole("button", { name: "Save team" }).click();
  await expect(page).toHaveURL(`${oidcAppUrl}/catalog/teams/trust?saved=1`);
  await expect(page.getByText(description)).toBeVisible();

  // The role mapping: the admin records trust's provider group; a group another team has is refused.
  const groupForm = page.getByTestId("provider-group-form");
  await groupForm.getByLabel("Provider group").fill("team-commerce");
  await groupForm.getByRole("button", { name: "Save provider group" }).click();
  await expect(groupForm.getByRole("alert")).toHaveText('Provider group: already belongs to team "commerce"');
  await groupForm.getByLabel("Provider group").fill("team-trust");
  await groupForm.getByRole("button", { name: "Save provider group" }).click();
  await expect(groupForm.getByTestId("provider-group-saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("provider-group")).toHaveText("team-trust");

  const cookie = (await page.context().cookies(oidcAppUrl)).find((entry) => entry.name === "tributary_session");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(`${oidcAppUrl}/sign-in?signedOut=1`);
  await expect(page.getByTestId("signed-out")).toBeVisible();
  expect((await page.context().cookies(oidcAppUrl)).map((entry) => entry.name)).not.toContain("tributary_session");

  const replay = await fetch(`${oidcAppUrl}/api/catalog/teams`, { headers: { cookie: `tributary_session=${cookie!.value}` } });
  expect(replay.status).toBe(401);
  expect(await replay.json()).toEqual({ error: { code: "unauthorized", message: "Sign in first: this needs a signed-in user or an API token." } });
  // Keycloak's own session is over too: signing in again asks for the password.
  await page.getByTestId("sign-in-link").click();
  await expect(page).toHaveURL(new RegExp(`/realms/${KEYCLOAK_REALM}/protocol/openid-connect/auth`));
  await expect(page.locator("#password")).toBeVisible();
});

test("a session that ended on the server is refused at the next link followed inside the app", async ({ browser }) => {
  needsKeycloak();
  const page = await signedInPage(browser, "viewer", "/catalog");
  await expect(page.getByTestId("user-role")).toHaveText("viewer");
  const cookie = (await page.context().cookies(oidcAppUrl)).find((entry) => entry.name === "tributary_session");
  expect(cookie).toBeDefined();
  // As an idle timeout or a revocation would: the session row is gone, the browser still sends its cookie.
  const ended = await withDatabase(async (client) => (await client.query(`DELETE FROM "AuthSession" WHERE "subject" IN (SELECT "subject" FROM "AuthSession" WHERE "name" = 'viewer' OR "email" LIKE 'viewer@%')`)).rowCount);
  expect(ended).toBeGreaterThanOrEqual(1);
  expect((await page.context().cookies(oidcAppUrl)).map((entry) => entry.name)).toContain("tributary_session");
  // A link inside the app (a client-side navigation: the root layout is not rendered again).
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Consumer groups" }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidcAppUrl}/sign-in\\?returnTo=${encodeURIComponent("/clusters/local/groups")}$`));
  await expect(page.getByTestId("groups-table")).toHaveCount(0);
});

test("oidc mode ignores identity headers and audits a forged callback", async ({ browser }) => {
  needsKeycloak();
  const client = await playwrightRequest.newContext();
  const spoofed = { "X-Forwarded-User": "admin", "X-Forwarded-Email": "admin@shop.example", "X-Forwarded-Groups": "tributary-admins", "X-Forwarded-For": "127.0.0.1" };
  const api = await client.get(`${oidcAppUrl}/api/catalog/teams`, { headers: spoofed });
  expect(api.status()).toBe(401);
  const pageLoad = await client.get(`${oidcAppUrl}/catalog`, { headers: spoofed, maxRedirects: 0 });
  expect(pageLoad.status()).toBe(307);
  // Next.js sends a same-origin redirect as a relative location.
  expect(pageLoad.headers().location).toBe("/sign-in?returnTo=%2Fcatalog");
  await client.dispose();

  // A callback whose state is not the one this browser's attempt holds is refused and audited.
  const page = await newPage(browser);
  await page.goto(`${oidcAppUrl}/auth/login`);
  await expect(page.locator("#username")).toBeVisible();
  const forgedState = `forged-${run}`;
  // With the right issuer, so that the state is what gets refused.
  const issuer = encodeURIComponent(`${process.env.TEST_KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}`);
  await page.goto(`${oidcAppUrl}/auth/callback?code=stolen-code&state=${forgedState}&iss=${issuer}`);
  await expect(page).toHaveURL(`${oidcAppUrl}/sign-in?error=state`);
  await expect(page.getByTestId("sign-in-error")).toContainText("did not match a sign-in started here");
  const audited = await withDatabase(async (db) =>
    (await db.query(`SELECT action, "entityType", after FROM "AuditEntry" WHERE action = 'login.failed' AND after->>'reason' LIKE '%state%' ORDER BY id DESC LIMIT 1`)).rows[0],
  );
  expect(audited).toMatchObject({ action: "login.failed", entityType: "auth" });
});

test("proxy mode honours identity headers from the trusted address or with the secret, and only then", async () => {
  const client = await playwrightRequest.newContext();
  const viaIpv4 = `http://127.0.0.1:${proxyAppPort}`;
  const viaTrusted = `http://[::1]:${proxyAppPort}`;
  const as = (groups: string) => ({ "X-Forwarded-User": "pat", "X-Forwarded-Email": "pat@shop.example", "X-Forwarded-Groups": groups });

  // 127.0.0.1 is not trusted: headers alone (even with a forged X-Forwarded-For) are ignored.
  const untrusted = await client.get(`${viaIpv4}/api/catalog/teams`, { headers: { ...as("tributary-admins"), "X-Forwarded-For": "::1" } });
  expect(untrusted.status()).toBe(401);
  const wrongSecret = await client.get(`${viaIpv4}/api/catalog/teams`, { headers: { ...as("tributary-admins"), "X-Tributary-Proxy-Secret": `${PROXY_SECRET}x` } });
  expect(wrongSecret.status()).toBe(401);

  // With the secret, the headers are believed: the viewer reads and may not write.
  const withSecret = { ...as("tributary-viewers"), "X-Tributary-Proxy-Secret": PROXY_SECRET };
  expect((await client.get(`${viaIpv4}/api/catalog/teams`, { headers: withSecret })).status()).toBe(200);
  const slug = `auth-proxy-${run}`;
  const team = { slug, name: "Proxy team", description: "", email: null, chatChannel: null, oncallUrl: null };
  const refused = await client.post(`${viaIpv4}/api/catalog/teams`, { headers: withSecret, data: team });
  expect(refused.status()).toBe(403);

  // From the trusted address, no secret is needed: an admin creates and deletes a team.
  const created = await client.post(`${viaTrusted}/api/catalog/teams`, { headers: as("tributary-admins"), data: team });
  expect(created.status()).toBe(201);
  const audited = await withDatabase(async (db) =>
    (await db.query(`SELECT actor, "actorSubject" FROM "AuditEntry" WHERE "entityType" = 'team' AND "entityKey" = $1 AND action = 'create'`, [slug])).rows[0],
  );
  expect(audited).toEqual({ actor: "pat@shop.example", actorSubject: "pat" });
  const removed = await client.delete(`${viaTrusted}/api/catalog/teams/${slug}?version=1`, { headers: as("tributary-admins") });
  expect(removed.status()).toBe(200);

  // Team membership follows Team.providerGroup (trust's was set by the admin above, when Keycloak ran):
  // an editor in team-trust passes the permission check on trust's service (the body is then 422),
  // an editor in team-commerce does not (403). Nothing is written either way.
  if (withKeycloak) {
    const write = (groups: string) => client.put(`${viaTrusted}/api/catalog/services/fraud-detection`, { headers: as(groups), data: { version: 1, description: "x" } });
    expect((await write("tributary-editors,team-trust")).status()).toBe(422);
    expect((await write("tributary-editors,team-commerce")).status()).toBe(403);
  }
  await client.dispose();
});
