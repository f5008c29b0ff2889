/** Starting, probing and stopping the detached processes of local Kafka nodes. */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { kafkaConfigDir, type KafkaDist } from "./kafka-dist";
import type { LocalKafkaPaths } from "./kafka-server-files";

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

export function spawnBroker(dist: KafkaDist, paths: LocalKafkaPaths): number {
  const out = openSync(paths.outFile, "a");
  const child = spawn(
    "java",
    [
      // 512 MB is plenty for a development broker and leaves room on a small machine. KAFKA_HEAP_OPTS,
      // as Kafka's own scripts read it, sets another (the bench broker of 15,000 partitions runs out
      // of 512 MB after a while: scripts/bench-collector.ts gives it 1 GB).
      ...(process.env.KAFKA_HEAP_OPTS?.trim() ? process.env.KAFKA_HEAP_OPTS.trim().split(/\s+/) : ["-Xms128m", "-Xmx512m"]),
      "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
      "-Djava.awt.headless=true",
      `-Dlog4j2.configurationFile=${path.join(kafkaConfigDir, "log4j2.yaml")}`,
      `-Dtributary.kafka.logDir=${paths.dataDir}`,
      "-cp", dist.classpath, "kafka.Kafka", paths.serverProperties,
    ],
    // Detached in its own session: the broker outlives `npm run kafka start` and ignores its Ctrl-C.
    { detached: true, stdio: ["ignore", out, out], cwd: paths.dataDir },
  );
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Error("Could not start java for the Kafka broker");
  return child.pid;
}

export async function waitUntilAnswering(pid: number, brokerAddress: string, paths: LocalKafkaPaths, startedAt: number) {
  while (Date.now() - startedAt < START_TIMEOUT_MS) {
    if (!isProcessAlive(pid)) {
      throw new Error(`The Kafka broker (pid ${pid}) exited during start-up.\n${describeLogs(paths)}`);
    }
    if (await describeBroker(brokerAddress)) return;
    await sleep(500);
  }
  throw new Error(`The Kafka broker did not answer on ${brokerAddress} within ${START_TIMEOUT_MS / 1000} s.\n${describeLogs(paths)}`);
}

function describeLogs(paths: LocalKafkaPaths): string {
  return `--- tail of ${paths.logFile} ---\n${tailFile(paths.logFile)}\n--- tail of ${paths.outFile} ---\n${tailFile(paths.outFile, 20)}`;
}

/** SIGTERM (Kafka shuts down cleanly), SIGKILL after 20 s. A no-op when the node does not run. */
export async function stopBrokerProcess(paths: LocalKafkaPaths): Promise<{ stopped: boolean; pid: number | null; forced: boolean }> {
  const pid = readPid(paths.pidFile);
  if (pid === null || !isBrokerProcess(pid, paths.serverProperties)) {
    removeFile(paths.pidFile);
    return { stopped: false, pid: null, forced: false };
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isProcessAlive(pid) && Date.now() < deadline) await sleep(200);
  const forced = isProcessAlive(pid);
  if (forced) {
    process.kill(pid, "SIGKILL");
    while (isProcessAlive(pid)) await sleep(100);
  }
  removeFile(paths.pidFile);
  return { stopped: true, pid, forced };
}

/** The cluster id the node's storage was formatted with; null before formatting. */
export function readStorageClusterId(paths: LocalKafkaPaths): string | null {
  const metaFile = path.join(paths.storageDir, "meta.properties");
  if (!existsSync(metaFile)) return null;
  return readFileSync(metaFile, "utf8").match(/^cluster\.id=(.+)$/m)?.[1]?.trim() ?? null;
}

export function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // "/proc/<pid>/stat" is "pid (comm) STATE ...": a killed child of ours may linger as "Z".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): kill(0) is all we know
  }
}

/**
 * Guards against pid reuse after a reboot: the pid must be a broker started with this data
 * directory's server.properties. Without /proc we trust the pid file.
 */
export function isBrokerProcess(pid: number, serverPropertiesPath: string): boolean {
  if (!isProcessAlive(pid)) return false;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return commandLine.includes("kafka.Kafka") && commandLine.includes(serverPropertiesPath);
  } catch {
    return existsSync("/proc") ? false : true;
  }
}

export function removeFile(filePath: string): void {
  rmSync(filePath, { force: true });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortListening(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const finish = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

export type ClusterDescription = { clusterId: string; brokerCount: number; controller: number | null };

/** One metadata request with a short timeout; null when the broker does not answer. */
export async function describeBroker(brokerAddress: string): Promise<ClusterDescription | null> {
  const kafka = new Kafka({
    clientId: "tributary-local-kafka",
    brokers: [brokerAddress],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return { clusterId: cluster.clusterId, brokerCount: cluster.brokers.length, controller: cluster.controller };
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export function tailFile(filePath: string, lines = 40): string {
  if (!existsSync(filePath)) return `(no ${filePath})`;
  return readFileSync(filePath, "utf8").split("\n").slice(-lines - 1).join("\n").trimEnd();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
