/**
 * Keycloak (the local OpenID provider of the demo and the tests), fetched from Maven Central once
 * like Kafka's jars (scripts/keycloak/pom.xml pins the release) and a Java ≥ 21 to run it.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./kafka-dist";

export const keycloakConfigDir = path.join(repoRoot, "scripts", "keycloak");
const pomPath = path.join(keycloakConfigDir, "pom.xml");
const distRoot = path.join(repoRoot, ".data", "keycloak-dist");
const JVM_DIR = "/usr/lib/jvm";
const PREFERRED_JAVA_HOME = path.join(JVM_DIR, "temurin-25-jdk-amd64");

export function readKeycloakVersion(): string {
  const match = readFileSync(pomPath, "utf8").match(/<keycloak\.version>([^<]+)<\/keycloak\.version>/);
  if (!match?.[1]) throw new Error(`No <keycloak.version> property in ${pomPath}`);
  return match[1].trim();
}

/** The major version a `java` binary reports, or null when it does not run. */
function javaMajor(javaBin: string): number | null {
  const result = spawnSync(javaBin, ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return null;
  const match = `${result.stderr}${result.stdout}`.match(/version "(\d+)(?:\.(\d+))?/);
  if (!match) return null;
  return match[1] === "1" ? Number(match[2]) : Number(match[1]);
}

/**
 * A JAVA_HOME whose Java is 21 or newer (Keycloak 26 needs it): KEYCLOAK_JAVA_HOME, then the
 * Temurin 25 JDK where this machine kind has it, then JAVA_HOME, then the newest JDK under
 * /usr/lib/jvm. null when there is none (the caller says what to install).
 */
export function findKeycloakJavaHome(): string | null {
  const candidates = [process.env.KEYCLOAK_JAVA_HOME, PREFERRED_JAVA_HOME, process.env.JAVA_HOME];
  if (existsSync(JVM_DIR)) candidates.push(...readdirSync(JVM_DIR).map((name) => path.join(JVM_DIR, name)));
  let best: { home: string; major: number } | null = null;
  for (const home of candidates) {
    if (!home || !existsSync(path.join(home, "bin", "java"))) continue;
    const major = javaMajor(path.join(home, "bin", "java"));
    if (major === null || major < 21) continue;
    if (home === process.env.KEYCLOAK_JAVA_HOME || home === PREFERRED_JAVA_HOME) return home;
    if (!best || major > best.major) best = { home, major };
  }
  return best?.home ?? null;
}

export const JAVA_21_HINT =
  "Keycloak 26 needs Java 21 or newer. Install one (Debian: `apt-get install openjdk-21-jre-headless` where the release offers it; " +
  "otherwise a Temurin JDK from https://adoptium.net) or point KEYCLOAK_JAVA_HOME at it.";

/**
 * Makes sure the pinned Keycloak distribution is unpacked in .data/keycloak-dist/<version>/dist (or
 * under `root`) and returns its home directory. Maven fetches `org.keycloak:keycloak-quarkus-dist`
 * (tar.gz) once.
 */
export function ensureKeycloakDist(root = distRoot): { version: string; home: string } {
  const version = readKeycloakVersion();
  const versionDir = path.join(root, version);
  const distDir = path.join(versionDir, "dist");
  const markerPath = path.join(versionDir, "pom.sha256");
  const pomHash = createHash("sha256").update(readFileSync(pomPath)).digest("hex");
  const home = path.join(distDir, `keycloak-${version}`);
  const isUpToDate = () => existsSync(path.join(home, "bin", "kc.sh")) && existsSync(markerPath) && readFileSync(markerPath, "utf8").trim() === pomHash;
  if (isUpToDate()) return { version, home };

  mkdirSync(versionDir, { recursive: true });
  const stagingDir = path.join(versionDir, `dist.staging-${process.pid}`);
  rmSync(stagingDir, { recursive: true, force: true });
  // mdep.overWriteReleases: the plugin records what it unpacked in a marker beside the pom
  // (scripts/keycloak/target), not in the output directory, and skips an artifact it has a marker
  // for. Without it, a demo run after `rm -rf .data` unpacked nothing and started without sign-in.
  const maven = spawnSync("mvn", ["-q", "-B", "-Dstyle.color=never", "-Dmdep.overWriteReleases=true", "-f", pomPath, "dependency:unpack", `-DoutputDirectory=${stagingDir}`], {
    encoding: "utf8",
    cwd: versionDir,
  });
  if (maven.error || maven.status !== 0) {
    rmSync(stagingDir, { recursive: true, force: true });
    const output = `${maven.stdout ?? ""}${maven.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new Error(`Fetching Keycloak ${version} from Maven Central failed (is Maven installed?):\n${output || maven.error?.message}`);
  }
  if (!existsSync(path.join(stagingDir, `keycloak-${version}`, "bin", "kc.sh"))) throw new Error(`Maven unpacked no Keycloak into ${stagingDir}`);
  if (isUpToDate()) {
    rmSync(stagingDir, { recursive: true, force: true });
    return { version, home };
  }
  rmSync(distDir, { recursive: true, force: true });
  renameSync(stagingDir, distDir);
  writeFileSync(markerPath, `${pomHash}\n`);
  return { version, home };
}
