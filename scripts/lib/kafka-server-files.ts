/** The files of one local broker's data directory, and the one-off steps that create them. */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { kafkaConfigDir, toolJvmArgs, type KafkaDist } from "./kafka-dist";

export type LocalKafkaPaths = {
  dataDir: string; serverProperties: string; storageDir: string; logFile: string; outFile: string; pidFile: string;
};

export function getKafkaPaths(dataDir: string): LocalKafkaPaths {
  const root = path.resolve(dataDir);
  return {
    dataDir: root,
    serverProperties: path.join(root, "server.properties"),
    storageDir: path.join(root, "storage"),
    logFile: path.join(root, "broker.log"),
    outFile: path.join(root, "broker.out"),
    pidFile: path.join(root, "broker.pid"),
  };
}

export type ServerPorts = { port: number; controllerPort: number };

export function writeServerProperties(options: ServerPorts, paths: LocalKafkaPaths): void {
  const template = readFileSync(path.join(kafkaConfigDir, "server.properties.template"), "utf8");
  const text = template
    .replaceAll("{{PORT}}", String(options.port))
    .replaceAll("{{CONTROLLER_PORT}}", String(options.controllerPort))
    .replaceAll("{{STORAGE_DIR}}", paths.storageDir);
  writeFileSync(paths.serverProperties, text);
}

/** The PLAINTEXT port the data directory's broker was last configured with. */
export function readConfiguredPort(paths: LocalKafkaPaths): number | null {
  const text = existsSync(paths.serverProperties) ? readFileSync(paths.serverProperties, "utf8") : "";
  const match = text.match(/^listeners=PLAINTEXT:\/\/[^:]+:(\d+)/m);
  return match ? Number(match[1]) : null;
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64; a leading "-" would read as a flag. */
function generateClusterId(): string {
  let id = "";
  while (!id || id.startsWith("-")) id = randomBytes(16).toString("base64url");
  return id;
}

/** Formats KRaft storage once; --ignore-formatted keeps a second call harmless. */
export function formatStorage(dist: KafkaDist, paths: LocalKafkaPaths): void {
  const args = [...toolJvmArgs(dist), "kafka.tools.StorageTool", "format", "--ignore-formatted",
    "--cluster-id", generateClusterId(), "--config", paths.serverProperties];
  const result = spawnSync("java", args, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`Formatting Kafka storage in ${paths.storageDir} failed:\n${result.stdout}${result.stderr}`);
  }
}
