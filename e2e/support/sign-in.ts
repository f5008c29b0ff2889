// The sign-in tests' own apps (oidc and proxy mode, on the test stack's database and broker) and
// the flow through Keycloak's real login page. scripts/test.ts starts Keycloak and passes its URL.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { startApp, type RunningApp } from "../../scripts/lib/app-process";
import { KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET, KEYCLOAK_GROUP_MAPPING, KEYCLOAK_REALM, KEYCLOAK_TEAM_GROUPS } from "../../scripts/lib/keycloak";

export const PROXY_SECRET = "auth-spec-proxy-secret-0123456789";
const [oidcPort, proxyPort] = (process.env.TEST_AUTH_APP_PORTS ?? "41082,41083").split(",").map(Number) as [number, number];
export const oidcAppUrl = `http://127.0.0.1:${oidcPort}`;
export const proxyAppPort = proxyPort;

const commonEnv = () => ({
  KAFKA_BROKERS: process.env.TEST_KAFKA_BROKERS,
  DATABASE_URL: process.env.TEST_APP_DATABASE_URL,
  TRIBUTARY_ROLE: "web",
  TRIBUTARY_STRICT_RESPONSES: "1",
  AUTH_ALLOW_NONE: undefined,
  METRICS_PUBLIC: undefined,
  ...KEYCLOAK_GROUP_MAPPING,
});
const logFile = (name: string) => path.join(process.env.TEST_RESULTS_DIR ?? "test-results", `auth-${name}-app.log`);

export function startOidcApp(): Promise<RunningApp> {
  const keycloak = process.env.TEST_KEYCLOAK_URL;
  if (!keycloak) throw new Error("TEST_KEYCLOAK_URL is not set: run the sign-in tests through `npm test` (scripts/test.ts starts Keycloak)");
  return startApp({
    port: oidcPort,
    hostname: "127.0.0.1",
    logFile: logFile("oidc"),
    env: {
      ...commonEnv(),
      AUTH_MODE: "oidc",
      AUTH_BASE_URL: oidcAppUrl,
      OIDC_ISSUER: `${keycloak}/realms/${KEYCLOAK_REALM}`,
      OIDC_CLIENT_ID: KEYCLOAK_CLIENT_ID,
      OIDC_CLIENT_SECRET: KEYCLOAK_CLIENT_SECRET,
    },
  });
}

/** Proxy mode: identity headers believed from ::1 (the trusted address) or with the shared secret. */
export function startProxyApp(): Promise<RunningApp> {
  return startApp({
    port: proxyPort,
    logFile: logFile("proxy"),
    env: { ...commonEnv(), AUTH_MODE: "proxy", AUTH_PROXY_TRUSTED: "::1/128", AUTH_PROXY_SECRET: PROXY_SECRET },
  });
}

/** Gives these demo teams their Keycloak groups (what an admin records on each team) and the others none. */
export async function linkDemoTeamsToGroups(teams: string[]): Promise<void> {
  await withDatabase(async (client) => {
    for (const [slug, group] of Object.entries(KEYCLOAK_TEAM_GROUPS)) {
      await client.query(`UPDATE "Team" SET "providerGroup" = $2 WHERE slug = $1`, [slug, teams.includes(slug) ? group : null]);
    }
  });
}

export async function withDatabase<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_APP_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Signs in through Keycloak's own login page and waits until the app shows `path` again. */
export async function signIn(page: Page, username: string, password: string, pathname = "/catalog"): Promise<void> {
  await page.goto(`${oidcAppUrl}${pathname}`);
  await expect(page).toHaveURL(new RegExp(`^${oidcAppUrl}/sign-in`));
  await page.getByTestId("sign-in-link").click();
  await expect(page).toHaveURL(new RegExp(`/realms/${KEYCLOAK_REALM}/protocol/openid-connect/auth`));
  await page.locator("#username").fill(username);
  await page.locator("#password").fill(password);
  await page.locator("#kc-login").click();
  await expect(page).toHaveURL(`${oidcAppUrl}${pathname}`);
}

/** A server action's id from the build's manifest, the way a forged call would have to name it. */
export function actionId(file: string, exportedName: string): string {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName && (entry.filename ?? file).endsWith(file));
  if (!found) throw new Error(`no server action ${exportedName} of ${file} in the manifest`);
  return found[0];
}

/** Calls a server action as React's client does, with the page's session cookie. */
export async function callAction(page: Page, pagePath: string, id: string, args: unknown[]): Promise<{ status: number; text: string }> {
  const response = await page.request.post(`${oidcAppUrl}${pagePath}`, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text() };
}
