/**
 * Starts a local Keycloak (`kc.sh start-dev`) with the Tributary realm imported from
 * scripts/keycloak/tributary-realm.json, for `npm run demo` and the test run.
 * Each instance runs from its own copy of the distribution (.data/keycloak-<name>/home): Keycloak
 * writes its build and data under its home, so two instances must not share one. The database is
 * in memory (`--db dev-mem`): every start imports the realm afresh.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./kafka-dist";
import { JAVA_21_HINT, ensureKeycloakDist, findKeycloakJavaHome, keycloakConfigDir } from "./keycloak-dist";

export const KEYCLOAK_REALM = "tributary";
export const KEYCLOAK_CLIENT_ID = "tributary";
/** The demo realm's client secret: a local, throw-away provider, never a real one. */
export const KEYCLOAK_CLIENT_SECRET = "tributary-demo-secret";

/** The demo users of the realm file: user name, password, what they may do (the sign-in page lists them). */
export const KEYCLOAK_DEMO_USERS = [
  { username: "admin", password: "admin-pass", role: "admin (everything, teams included)" },
  { username: "commerce-editor", password: "commerce-editor-pass", role: "editor of team commerce" },
  { username: "fulfilment-editor", password: "fulfilment-editor-pass", role: "editor of team fulfilment" },
  { username: "analyst", password: "analyst-pass", role: "viewer who reads messages, sensitive fields too (team trust)" },
  { username: "viewer", password: "viewer-pass", role: "viewer (no message contents, no edits)" },
] as const;

/** The AUTH_* settings that map the realm's groups to Tributary's roles. */
export const KEYCLOAK_GROUP_MAPPING = {
  OIDC_GROUPS_CLAIM: "groups",
  AUTH_ADMIN_GROUPS: "tributary-admins",
  AUTH_EDITOR_GROUPS: "tributary-editors",
  AUTH_VIEWER_GROUPS: "tributary-viewers",
  AUTH_SENSITIVE_GROUPS: "tributary-sensitive",
} as const;

/** Demo teams' provider groups: catalog team slug → Keycloak group. */
export const KEYCLOAK_TEAM_GROUPS: Record<string, string> = {
  commerce: "team-commerce",
  fulfilment: "team-fulfilment",
  trust: "team-trust",
  "data-platform": "team-data-platform",
};

export type RunningKeycloak = { url: string; issuer: string; process: ChildProcess; stop(): Promise<void> };

export async function startKeycloak(options: {
  /** Instance name: its home is .data/keycloak-<name>. */
  name: string;
  port: number;
  managementPort: number;
  /** Origins of the Tributary apps that sign in through it (redirect and post-logout URIs). */
  appOrigins: string[];
  logFile: string;
  timeoutMs?: number;
}): Promise<RunningKeycloak> {
  const javaHome = findKeycloakJavaHome();
  if (!javaHome) throw new Error(`No Java 21+ found for Keycloak. ${JAVA_21_HINT}`);
  const dist = ensureKeycloakDist();
  const home = prepareHome(options.name, dist.home, dist.version);
  writeRealm(home, options.appOrigins);

  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const child = spawn(
    path.join(home, "bin", "kc.sh"),
    ["start-dev", `--http-port=${options.port}`, `--http-management-port=${options.managementPort}`, "--http-host=127.0.0.1", "--db=dev-mem", "--import-realm", "--health-enabled=true"],
    {
      cwd: home,
      detached: true, // its own process group: stop() ends kc.sh and the JVM together
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        JAVA_HOME: javaHome,
        PATH: `${path.join(javaHome, "bin")}:${process.env.PATH ?? ""}`,
        // A small heap: the whole realm is a handful of users (kc.sh already picks the GC).
        JAVA_OPTS_KC_HEAP: "-Xms64m -Xmx512m",
        JAVA_OPTS_APPEND: "-XX:MaxMetaspaceSize=256m -XX:CICompilerCount=2",
        KC_BOOTSTRAP_ADMIN_USERNAME: "keycloak-admin",
        KC_BOOTSTRAP_ADMIN_PASSWORD: "keycloak-admin-pass",
      },
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${options.port}`;
  const issuer = `${url}/realms/${KEYCLOAK_REALM}`;
  const stop = () => stopGroup(child);
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Keycloak exited with code ${child.exitCode} before answering; see ${options.logFile}`);
    try {
      const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { url, issuer, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await stop();
  throw new Error(`Keycloak did not answer on ${url} within ${(options.timeoutMs ?? 300_000) / 1000}s; see ${options.logFile}`);
}

/** The instance's own copy of the distribution, refreshed when the pinned version changes. */
function prepareHome(name: string, distHome: string, version: string): string {
  const instanceDir = path.join(repoRoot, ".data", `keycloak-${name}`);
  const home = path.join(instanceDir, "home");
  const versionFile = path.join(instanceDir, "version");
  if (!existsSync(versionFile) || readFileSync(versionFile, "utf8").trim() !== version) {
    rmSync(home, { recursive: true, force: true });
    mkdirSync(instanceDir, { recursive: true });
    cpSync(distHome, home, { recursive: true });
    writeFileSync(versionFile, `${version}\n`);
  }
  return home;
}

/** The realm file with these apps' redirect URIs (Keycloak matches them exactly, so each port is listed). */
function writeRealm(home: string, appOrigins: string[]): void {
  const realm = JSON.parse(readFileSync(path.join(keycloakConfigDir, "tributary-realm.json"), "utf8")) as {
    clients: { clientId: string; redirectUris: string[]; attributes: Record<string, string> }[];
  };
  const client = realm.clients.find((entry) => entry.clientId === KEYCLOAK_CLIENT_ID)!;
  const origins = [...new Set(appOrigins)];
  client.redirectUris = [...new Set([...client.redirectUris, ...origins.map((origin) => `${origin}/auth/callback`)])];
  const postLogout = client.attributes["post.logout.redirect.uris"]?.split("##").filter(Boolean) ?? [];
  client.attributes["post.logout.redirect.uris"] = [...new Set([...postLogout, ...origins.map((origin) => `${origin}/sign-in?signedOut=1`)])].join("##");
  const importDir = path.join(home, "data", "import");
  rmSync(importDir, { recursive: true, force: true });
  mkdirSync(importDir, { recursive: true });
  writeFileSync(path.join(importDir, "tributary-realm.json"), JSON.stringify(realm, null, 2));
}

function stopGroup(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}
