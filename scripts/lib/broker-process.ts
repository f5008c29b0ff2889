/** Small process and network probes used to manage the detached local broker. */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { Kafka, logLevel } from "kafkajs";

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
