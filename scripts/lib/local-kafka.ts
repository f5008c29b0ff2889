/**
 * A local KRaft Kafka for development, the demo and tests: one node (broker + controller) by
 * default, or several (`brokers: 3`: a quorum of three combined nodes), optionally with a SASL_SSL
 * listener beside PLAINTEXT. Nodes run detached; a node's data directory holds everything that
 * belongs to it (dataDir itself for one node, dataDir/node-<id> for several):
 *   server.properties  generated from scripts/kafka/server.properties.template
 *   storage/           Kafka's log.dirs
 *   broker.log         the node's own log (log4j2, INFO)
 *   broker.out         JVM stdout/stderr (crashes before logging starts end up here)
 *   broker.pid
 * A secured cluster also has dataDir/tls (see kafka-tls.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureKafkaJars, repoRoot } from "./kafka-dist";
import {
  describeBroker, isBrokerProcess, isPortListening, readPid, readStorageClusterId, removeFile, sleep, spawnBroker,
  stopBrokerProcess, waitUntilAnswering, type ClusterDescription,
} from "./broker-process";
import {
  formatStorage, generateClusterId, listNodePaths, planNodes, readConfiguredPort, writeServerProperties,
  type ClusterLayout, type KafkaNode, type LocalKafkaPaths, type ScramUser,
} from "./kafka-server-files";
import { ensureBrokerTls, type BrokerTls } from "./kafka-tls";

export { ensureKafkaJars, runKafkaTool, KAFKA_TOOLS, type KafkaToolName, type ToolResult } from "./kafka-dist";
export { getKafkaPaths, type LocalKafkaPaths, type ScramUser } from "./kafka-server-files";
export { ensureBrokerTls, writeClientProperties, type BrokerTls } from "./kafka-tls";
export { parseConsumerGroupsDescribe, type ConsumerGroupDescribeRow } from "./consumer-groups-output";

export type SaslSslOptions = {
  /** SASL_SSL port of node 1 (node i: port + i − 1). */
  port: number;
  /** SCRAM-SHA-512 users, created when storage is first formatted. */
  users: ScramUser[];
};

export type LocalKafkaOptions = {
  port?: number;
  controllerPort?: number;
  dataDir?: string;
  /** Number of nodes, each a broker and a KRaft controller (default KAFKA_NODES or 1). */
  brokers?: number;
  saslSsl?: SaslSslOptions | null;
};
export type ResolvedKafkaOptions = Required<Omit<LocalKafkaOptions, "saslSsl">> & { saslSsl: SaslSslOptions | null };

export type NodeStatus = LocalKafkaPaths & { nodeId: number; brokerAddress: string; pid: number | null; running: boolean };

export type KafkaStatus = LocalKafkaPaths & {
  /** Bootstrap list: every node's PLAINTEXT address, comma-separated. */
  brokerAddress: string;
  /** Every node's SASL_SSL address, comma-separated, when secured. */
  saslSslAddress: string | null;
  pid: number | null;
  /** Our process runs for every node of this data directory. */
  running: boolean;
  /** Some node answered a metadata request. */
  answering: boolean;
  cluster: ClusterDescription | null;
  nodes: NodeStatus[];
  tls: BrokerTls | null;
};

/**
 * Fills in defaults: KAFKA_PORT or 9092, KAFKA_CONTROLLER_PORT or port + brokers, KAFKA_DATA_DIR
 * or .data/kafka, KAFKA_NODES or 1.
 */
export function resolveKafkaOptions(options: LocalKafkaOptions = {}): ResolvedKafkaOptions {
  const port = options.port ?? Number(process.env.KAFKA_PORT ?? 9092);
  const brokers = options.brokers ?? Number(process.env.KAFKA_NODES ?? 1);
  const controllerPort = options.controllerPort ?? Number(process.env.KAFKA_CONTROLLER_PORT ?? port + brokers);
  const dataDir = resolveDataDir(options.dataDir);
  if (!Number.isInteger(brokers) || brokers < 1 || brokers > 9) throw new Error(`Invalid number of Kafka nodes: ${brokers} (1–9)`);
  const ports = [["port", port], ["controller port", controllerPort], ["SASL_SSL port", options.saslSsl?.port ?? 1]] as const;
  for (const [name, value] of ports) {
    if (!Number.isInteger(value) || value <= 0 || value + brokers - 1 > 65_535) throw new Error(`Invalid Kafka ${name}: ${value}`);
  }
  return { port, controllerPort, dataDir, brokers, saslSsl: options.saslSsl ?? null };
}

function resolveDataDir(dataDir: string | undefined): string {
  return path.resolve(dataDir ?? process.env.KAFKA_DATA_DIR ?? path.join(repoRoot, ".data", "kafka"));
}

function layoutOf(resolved: ResolvedKafkaOptions): ClusterLayout {
  return planNodes({ ...resolved, saslSslPort: resolved.saslSsl?.port ?? null });
}

const address = (port: number) => `127.0.0.1:${port}`;

export async function getKafkaStatus(options: LocalKafkaOptions = {}): Promise<KafkaStatus> {
  const resolved = resolveKafkaOptions(options);
  const layout = layoutOf(resolved);
  const nodes: NodeStatus[] = layout.nodes.map((node) => {
    const pid = readPid(node.paths.pidFile);
    const running = pid !== null && isBrokerProcess(pid, node.paths.serverProperties);
    return { ...node.paths, nodeId: node.nodeId, brokerAddress: address(node.port), pid: running ? pid : null, running };
  });
  let cluster: ClusterDescription | null = null;
  for (const node of nodes) if (!cluster) cluster = await describeBroker(node.brokerAddress);
  const secured = layout.nodes.flatMap((node) => (node.saslSslPort === null ? [] : [address(node.saslSslPort)]));
  return {
    ...layout.nodes[0]!.paths,
    dataDir: layout.dataDir,
    brokerAddress: nodes.map((node) => node.brokerAddress).join(","),
    saslSslAddress: secured.length > 0 ? secured.join(",") : null,
    pid: nodes[0]!.pid,
    running: nodes.every((node) => node.running),
    answering: cluster !== null,
    cluster,
    nodes,
    tls: resolved.saslSsl ? ensureBrokerTls(layout.dataDir) : null,
  };
}

export type StartResult = KafkaStatus & { alreadyRunning: boolean; startupMs: number };

/**
 * Starts every node of this data directory that does not run yet (so it also restarts a node
 * stopped with `stopKafka({ nodeId })`), and resolves once each answers a metadata request and
 * the cluster lists all its brokers. Formats storage on first use. Throws (with the log's tail)
 * on failure, after stopping the nodes it started.
 */
export async function startKafka(options: LocalKafkaOptions = {}): Promise<StartResult> {
  const resolved = resolveKafkaOptions(options);
  const layout = layoutOf(resolved);
  const startedAt = Date.now();
  const dist = ensureKafkaJars();
  const tls = resolved.saslSsl ? ensureBrokerTls(layout.dataDir) : null;

  const toStart: KafkaNode[] = [];
  const alreadyRunning: { node: KafkaNode; pid: number }[] = [];
  for (const node of layout.nodes) {
    const pid = readPid(node.paths.pidFile);
    if (pid !== null && isBrokerProcess(pid, node.paths.serverProperties)) {
      // Ours and alive: either ready, or still starting from an earlier call.
      const runningPort = readConfiguredPort(node.paths);
      if (runningPort !== node.port) {
        throw new Error(`The broker of ${node.paths.dataDir} already runs on port ${runningPort}, not ${node.port}.`);
      }
      alreadyRunning.push({ node, pid });
    } else {
      removeFile(node.paths.pidFile);
      toStart.push(node);
    }
  }
  for (const node of toStart) {
    for (const port of [node.port, node.controllerPort, ...(node.saslSslPort === null ? [] : [node.saslSslPort])]) {
      if (await isPortListening(port)) {
        throw new Error(
          `Port ${port} is already in use by another process (not the broker of ${node.paths.dataDir}). ` +
            "Stop it, or choose other ports with KAFKA_PORT / KAFKA_CONTROLLER_PORT.",
        );
      }
    }
  }

  // Every node of a cluster is formatted with the same id: the one already on disk, if any.
  const clusterId = layout.nodes.map((node) => readStorageClusterId(node.paths)).find((id) => id !== null) ?? generateClusterId();
  const started: { node: KafkaNode; pid: number }[] = [];
  try {
    for (const node of toStart) {
      mkdirSync(node.paths.dataDir, { recursive: true });
      writeServerProperties(node, layout, tls);
      if (readStorageClusterId(node.paths) === null) formatStorage(dist, node.paths, { clusterId, scramUsers: resolved.saslSsl?.users });
      const pid = spawnBroker(dist, node.paths);
      writeFileSync(node.paths.pidFile, `${pid}\n`);
      started.push({ node, pid });
    }
    await Promise.all([...alreadyRunning, ...started].map(({ node, pid }) => waitUntilAnswering(pid, address(node.port), node.paths, startedAt)));
    if (layout.nodes.length > 1) await waitForAllBrokers(layout, startedAt);
  } catch (error) {
    await Promise.all(started.map(({ node }) => stopBrokerProcess(node.paths)));
    throw error;
  }
  return { ...(await getKafkaStatus(resolved)), alreadyRunning: toStart.length === 0, startupMs: Date.now() - startedAt };
}

/** Topics with replicas on every node can only be created once every broker has registered. */
async function waitForAllBrokers(layout: ClusterLayout, startedAt: number) {
  const bootstrap = address(layout.nodes[0]!.port);
  while (Date.now() - startedAt < 120_000) {
    const cluster = await describeBroker(bootstrap);
    if (cluster && cluster.brokerCount === layout.nodes.length) return;
    await sleep(500);
  }
  throw new Error(`Not all ${layout.nodes.length} Kafka brokers of ${layout.dataDir} registered within 120 s.`);
}

export type StopResult = { stopped: boolean; pid: number | null; forced: boolean };

/**
 * Stops every node of the data directory, or only `nodeId`: SIGTERM (Kafka shuts down cleanly,
 * handing its partitions' leadership to the other nodes), SIGKILL after 20 s. A no-op when nothing runs.
 */
export async function stopKafka(options: Pick<LocalKafkaOptions, "dataDir"> & { nodeId?: number } = {}): Promise<StopResult> {
  const nodes = listNodePaths(resolveDataDir(options.dataDir));
  const chosen = options.nodeId === undefined ? nodes : nodes.filter((_, index) => index + 1 === options.nodeId);
  if (options.nodeId !== undefined && chosen.length === 0) throw new Error(`No Kafka node ${options.nodeId} in ${options.dataDir}`);
  const results = await Promise.all(chosen.map((paths) => stopBrokerProcess(paths)));
  const stopped = results.filter((result) => result.stopped);
  return { stopped: stopped.length > 0, pid: stopped[0]?.pid ?? null, forced: stopped.some((result) => result.forced) };
}
