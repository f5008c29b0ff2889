/**
 * A single-node KRaft Kafka (broker + controller) for development, the demo and tests.
 * The broker runs detached; its data directory holds everything that belongs to it:
 *   server.properties  generated from scripts/kafka/server.properties.template
 *   storage/           Kafka's log.dirs
 *   broker.log         the broker's own log (log4j2, INFO)
 *   broker.out         JVM stdout/stderr (crashes before logging starts end up here)
 *   broker.pid
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureKafkaJars, kafkaConfigDir, repoRoot, type KafkaDist } from "./kafka-dist";
import {
  describeBroker, isBrokerProcess, isPortListening, isProcessAlive, readPid, removeFile, sleep, tailFile,
  type ClusterDescription,
} from "./broker-process";
import {
  formatStorage, getKafkaPaths, readConfiguredPort, writeServerProperties, type LocalKafkaPaths,
} from "./kafka-server-files";

export { ensureKafkaJars, runKafkaTool, KAFKA_TOOLS, type KafkaToolName, type ToolResult } from "./kafka-dist";
export { getKafkaPaths, type LocalKafkaPaths } from "./kafka-server-files";
export { parseConsumerGroupsDescribe, type ConsumerGroupDescribeRow } from "./consumer-groups-output";

export type LocalKafkaOptions = { port?: number; controllerPort?: number; dataDir?: string };
export type ResolvedKafkaOptions = Required<LocalKafkaOptions>;

export type KafkaStatus = LocalKafkaPaths & {
  brokerAddress: string;
  pid: number | null;
  /** Our broker process for this data directory exists. */
  running: boolean;
  /** Something at brokerAddress answered a metadata request. */
  answering: boolean;
  cluster: ClusterDescription | null;
};

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** Fills in defaults: KAFKA_PORT or 9092, KAFKA_CONTROLLER_PORT or port+1, KAFKA_DATA_DIR or .data/kafka. */
export function resolveKafkaOptions(options: LocalKafkaOptions = {}): ResolvedKafkaOptions {
  const port = options.port ?? Number(process.env.KAFKA_PORT ?? 9092);
  const controllerPort = options.controllerPort ?? Number(process.env.KAFKA_CONTROLLER_PORT ?? port + 1);
  const dataDir = resolveDataDir(options.dataDir);
  for (const [name, value] of [["port", port], ["controller port", controllerPort]] as const) {
    if (!Number.isInteger(value) || value <= 0 || value > 65_535) throw new Error(`Invalid Kafka ${name}: ${value}`);
  }
  return { port, controllerPort, dataDir };
}

function resolveDataDir(dataDir: string | undefined): string {
  return path.resolve(dataDir ?? process.env.KAFKA_DATA_DIR ?? path.join(repoRoot, ".data", "kafka"));
}

export async function getKafkaStatus(options: LocalKafkaOptions = {}): Promise<KafkaStatus> {
  const { port, dataDir } = resolveKafkaOptions(options);
  const paths = getKafkaPaths(dataDir);
  const brokerAddress = `127.0.0.1:${port}`;
  const pid = readPid(paths.pidFile);
  const running = pid !== null && isBrokerProcess(pid, paths.serverProperties);
  const cluster = await describeBroker(brokerAddress);
  return { ...paths, brokerAddress, pid: running ? pid : null, running, answering: cluster !== null, cluster };
}

export type StartResult = KafkaStatus & { alreadyRunning: boolean; startupMs: number };

/**
 * Starts the broker for this data directory unless it already runs, and resolves once it answers
 * a metadata request. Formats storage on first use. Throws (with the broker log's tail) on failure.
 */
export async function startKafka(options: LocalKafkaOptions = {}): Promise<StartResult> {
  const resolved = resolveKafkaOptions(options);
  const paths = getKafkaPaths(resolved.dataDir);
  const brokerAddress = `127.0.0.1:${resolved.port}`;
  const startedAt = Date.now();
  const dist = ensureKafkaJars();

  const existingPid = readPid(paths.pidFile);
  if (existingPid !== null && isBrokerProcess(existingPid, paths.serverProperties)) {
    // Ours and alive: either ready, or still starting from an earlier call.
    const runningPort = readConfiguredPort(paths);
    if (runningPort !== resolved.port) {
      throw new Error(`The broker of ${paths.dataDir} already runs on port ${runningPort}, not ${resolved.port}.`);
    }
    await waitUntilAnswering(existingPid, brokerAddress, paths, startedAt);
    return { ...(await getKafkaStatus(resolved)), alreadyRunning: true, startupMs: Date.now() - startedAt };
  }
  removeFile(paths.pidFile);

  for (const port of [resolved.port, resolved.controllerPort]) {
    if (await isPortListening(port)) {
      throw new Error(
        `Port ${port} is already in use by another process (not the broker of ${paths.dataDir}). ` +
          "Stop it, or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT.",
      );
    }
  }

  mkdirSync(paths.dataDir, { recursive: true });
  writeServerProperties(resolved, paths);
  if (!existsSync(path.join(paths.storageDir, "meta.properties"))) formatStorage(dist, paths);

  const pid = spawnBroker(dist, paths);
  writeFileSync(paths.pidFile, `${pid}\n`);
  try {
    await waitUntilAnswering(pid, brokerAddress, paths, startedAt);
  } catch (error) {
    await stopKafka({ dataDir: paths.dataDir });
    throw error;
  }
  return { ...(await getKafkaStatus(resolved)), alreadyRunning: false, startupMs: Date.now() - startedAt };
}

export type StopResult = { stopped: boolean; pid: number | null; forced: boolean };

/** SIGTERM (Kafka shuts down cleanly), SIGKILL after 20 s. A no-op when nothing runs. */
export async function stopKafka(options: Pick<LocalKafkaOptions, "dataDir"> = {}): Promise<StopResult> {
  const paths = getKafkaPaths(resolveDataDir(options.dataDir));
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

function spawnBroker(dist: KafkaDist, paths: LocalKafkaPaths): number {
  const out = openSync(paths.outFile, "a");
  const child = spawn(
    "java",
    [
      // 512 MB is plenty for a development broker and leaves room on a small machine.
      "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35",
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

async function waitUntilAnswering(pid: number, brokerAddress: string, paths: LocalKafkaPaths, startedAt: number) {
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
