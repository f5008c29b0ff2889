// A second instance of the built app, in AUTH_MODE=proxy with a shared secret, on the test
// stack's database and broker: the simplest real path to act as a viewer, an editor or an admin
// (the main test app runs AUTH_MODE=none, where everyone is the local admin). Role `web`: it
// serves the snapshots the main app's collector publishes and runs no collector of its own.
import path from "node:path";
import { startApp, type RunningApp } from "../../scripts/lib/app-process";
import { stack } from "./live-stack";

export const PROXY_SECRET = "test-proxy-secret-0123456789abcdef";

/** Groups the proxy sends; the app maps them with AUTH_*_GROUPS below. */
export const GROUPS = { viewer: "tributary-viewers", editor: "tributary-editors", admin: "tributary-admins", sensitive: "tributary-sensitive" };

export async function startProxyModeApp(name: string): Promise<RunningApp> {
  const slot = Number(process.env.TEST_STACK_SLOT ?? 0);
  // The slot's range for extra services (41000 + 100·slot …); +10 per file that starts one.
  const port = 41000 + 100 * slot + (name === "tokens" ? 10 : 20);
  return startApp({
    port,
    hostname: "127.0.0.1",
    logFile: path.join(process.env.TEST_RESULTS_DIR ?? "test-results", `${name}-proxy-app.log`),
    env: {
      KAFKA_BROKERS: stack.brokers,
      DATABASE_URL: process.env.TEST_APP_DATABASE_URL,
      COLLECTOR_INTERVAL_MS: process.env.TEST_COLLECTOR_INTERVAL_MS,
      TRIBUTARY_ROLE: "web",
      TRIBUTARY_STRICT_RESPONSES: "1",
      AUTH_MODE: "proxy",
      AUTH_ALLOW_NONE: undefined,
      AUTH_PROXY_SECRET: PROXY_SECRET,
      AUTH_ADMIN_GROUPS: GROUPS.admin,
      AUTH_EDITOR_GROUPS: GROUPS.editor,
      AUTH_VIEWER_GROUPS: GROUPS.viewer,
      AUTH_SENSITIVE_GROUPS: GROUPS.sensitive,
      METRICS_PUBLIC: undefined,
    },
  });
}

/** Headers of a request the authenticating proxy forwards for `user` in `groups`. */
export function asUser(user: string, groups: string[]): Record<string, string> {
  return { "x-tributary-proxy-secret": PROXY_SECRET, "x-forwarded-user": user, "x-forwarded-groups": groups.join(",") };
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
