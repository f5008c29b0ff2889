/**
 * Apache Kafka's jars for the local development broker and its command-line tools, fetched from
 * Maven Central once (scripts/kafka/pom.xml pins the release) and shared by every data directory.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const kafkaConfigDir = path.join(repoRoot, "scripts", "kafka");
const pomPath = path.join(kafkaConfigDir, "pom.xml");
const distRoot = path.join(repoRoot, ".data", "kafka-dist");

const INSTALL_HINT =
  "Install Java 17+ and Maven, e.g. `apt-get install openjdk-17-jre-headless maven` " +
  "(macOS: `brew install openjdk@17 maven`).";

/** Kafka's shell-script names mapped to the main classes they run. */
export const KAFKA_TOOLS = {
  "kafka-topics": "org.apache.kafka.tools.TopicCommand",
  "kafka-consumer-groups": "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
  "kafka-configs": "kafka.admin.ConfigCommand",
  "kafka-get-offsets": "org.apache.kafka.tools.GetOffsetShell",
  "kafka-console-producer": "org.apache.kafka.tools.ConsoleProducer",
  "kafka-console-consumer": "org.apache.kafka.tools.consumer.ConsoleConsumer",
  "kafka-delete-records": "org.apache.kafka.tools.DeleteRecordsCommand",
  "kafka-groups": "org.apache.kafka.tools.GroupsCommand",
  "kafka-log-dirs": "org.apache.kafka.tools.LogDirsCommand",
  "kafka-metadata-quorum": "org.apache.kafka.tools.MetadataQuorumCommand",
  "kafka-broker-api-versions": "org.apache.kafka.tools.BrokerApiVersionsCommand",
  "kafka-storage": "kafka.tools.StorageTool",
} as const;
export type KafkaToolName = keyof typeof KAFKA_TOOLS;

export type KafkaDist = { version: string; libsDir: string; classpath: string };
export type ToolResult = { code: number; stdout: string; stderr: string };

/** The Kafka release pinned in scripts/kafka/pom.xml. */
export function readKafkaVersion(): string {
  const match = readFileSync(pomPath, "utf8").match(/<kafka\.version>([^<]+)<\/kafka\.version>/);
  if (!match?.[1]) throw new Error(`No <kafka.version> property in ${pomPath}`);
  return match[1].trim();
}

/** Throws a message saying what to install unless `java` is version 17 or newer. */
export function checkJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error) throw new Error(`Java was not found on PATH. ${INSTALL_HINT}`);
  const banner = `${result.stderr}${result.stdout}`;
  const match = banner.match(/version "(\d+)(?:\.(\d+))?/);
  // Java 8 and older report "1.8.0_x": the real major version is the second number.
  const major = match ? (match[1] === "1" ? Number(match[2]) : Number(match[1])) : NaN;
  if (!(major >= 17)) {
    const found = banner.split("\n")[0]?.trim() || "unknown version";
    throw new Error(`Kafka ${readKafkaVersion()} needs Java 17 or newer; found: ${found}. ${INSTALL_HINT}`);
  }
}

function checkMaven(): void {
  const result = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(`Maven (mvn) was not found; it fetches Kafka's jars from Maven Central. ${INSTALL_HINT}`);
  }
}

/**
 * Makes sure the pinned Kafka jars are in .data/kafka-dist/<version>/libs, fetching them with
 * Maven when missing or when pom.xml changed. Idempotent and safe to call from every entry point.
 */
export function ensureKafkaJars(): KafkaDist {
  checkJava();
  const version = readKafkaVersion();
  const versionDir = path.join(distRoot, version);
  const libsDir = path.join(versionDir, "libs");
  const markerPath = path.join(versionDir, "pom.sha256");
  const pomHash = createHash("sha256").update(readFileSync(pomPath)).digest("hex");
  const classpath = path.join(libsDir, "*");
  const isUpToDate = () =>
    existsSync(libsDir) && existsSync(markerPath) && readFileSync(markerPath, "utf8").trim() === pomHash;
  if (isUpToDate()) return { version, libsDir, classpath };

  checkMaven();
  mkdirSync(versionDir, { recursive: true });
  // Download beside the target and rename, so a second process never sees half a directory.
  const stagingDir = path.join(versionDir, `libs.staging-${process.pid}`);
  rmSync(stagingDir, { recursive: true, force: true });
  const maven = spawnSync(
    "mvn",
    ["-q", "-B", "-Dstyle.color=never", "-f", pomPath, "dependency:copy-dependencies", `-DoutputDirectory=${stagingDir}`],
    { encoding: "utf8", cwd: versionDir },
  );
  if (maven.status !== 0) {
    rmSync(stagingDir, { recursive: true, force: true });
    const output = `${maven.stdout ?? ""}${maven.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new Error(`Fetching Kafka ${version} jars from Maven Central failed:\n${output}`);
  }
  const jarCount = readdirSync(stagingDir).filter((name) => name.endsWith(".jar")).length;
  if (jarCount === 0) throw new Error(`Maven copied no jars into ${stagingDir}`);
  if (isUpToDate()) {
    // Another process fetched the same jars meanwhile; keep its copy, a broker may be using it.
    rmSync(stagingDir, { recursive: true, force: true });
    return { version, libsDir, classpath };
  }
  rmSync(libsDir, { recursive: true, force: true });
  renameSync(stagingDir, libsDir);
  writeFileSync(markerPath, `${pomHash}\n`);
  return { version, libsDir, classpath };
}

/** JVM flags for short-lived tools: small heap, quick start, warnings only and on stderr. */
export function toolJvmArgs(dist: KafkaDist): string[] {
  return [
    "-Xmx256m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-Djava.awt.headless=true",
    `-Dlog4j2.configurationFile=${path.join(kafkaConfigDir, "tools-log4j2.yaml")}`,
    "-cp",
    dist.classpath,
  ];
}

/**
 * Runs one of Kafka's command-line tools (same jars as the broker) and collects its output.
 * `input` is written to the tool's standard input (kafka-console-producer reads its records there).
 * Never throws for a non-zero exit: callers read `code`.
 */
export function runKafkaTool(tool: KafkaToolName, args: string[], options: { input?: string } = {}): Promise<ToolResult> {
  const mainClass = KAFKA_TOOLS[tool];
  if (!mainClass) return Promise.reject(new Error(`Unknown Kafka tool "${tool}"`));
  const dist = ensureKafkaJars();
  return new Promise((resolve, reject) => {
    const child = spawn("java", [...toolJvmArgs(dist), mainClass, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    // Without input the tool sees an empty, closed standard input (as with "ignore" before). A tool
    // that exits without reading it makes the write fail with EPIPE: not an error of ours.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
