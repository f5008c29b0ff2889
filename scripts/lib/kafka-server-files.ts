/** The files of one local Kafka node's data directory, and the one-off steps that create them. */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { kafkaConfigDir, toolJvmArgs, type KafkaDist } from "./kafka-dist";
import type { BrokerTls } from "./kafka-tls";

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

/** SCRAM-SHA-512 users of a SASL_SSL listener. */
export type ScramUser = { username: string; password: string };

/** One KRaft node (broker and controller in one process) of a local cluster. */
export type KafkaNode = {
  nodeId: number;
  /** PLAINTEXT listener (clients and inter-broker traffic). */
  port: number;
  controllerPort: number;
  /** SASL_SSL listener (SCRAM-SHA-512), when the cluster is secured. */
  saslSslPort: number | null;
  paths: LocalKafkaPaths;
};

export type ClusterLayout = { dataDir: string; nodes: KafkaNode[] };

/**
 * Where each node lives. One node keeps today's layout (everything directly in dataDir, node id 1);
 * several nodes get dataDir/node-<id>, node i listening on port+i−1, controllerPort+i−1 and
 * saslSslPort+i−1.
 */
export function planNodes(options: { dataDir: string; port: number; controllerPort: number; brokers: number; saslSslPort: number | null }): ClusterLayout {
  const nodes = Array.from({ length: options.brokers }, (_, index) => ({
    nodeId: index + 1,
    port: options.port + index,
    controllerPort: options.controllerPort + index,
    saslSslPort: options.saslSslPort === null ? null : options.saslSslPort + index,
    paths: getKafkaPaths(options.brokers === 1 ? options.dataDir : path.join(options.dataDir, `node-${index + 1}`)),
  }));
  return { dataDir: path.resolve(options.dataDir), nodes };
}

/** The node data directories already under dataDir: itself for one node, else its node-<id> folders. */
export function listNodePaths(dataDir: string): LocalKafkaPaths[] {
  const root = path.resolve(dataDir);
  if (existsSync(path.join(root, "server.properties")) || !existsSync(root)) return [getKafkaPaths(root)];
  const nodeDirs = readdirSync(root)
    .filter((name) => /^node-\d+$/.test(name))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  return nodeDirs.length > 0 ? nodeDirs.map((name) => getKafkaPaths(path.join(root, name))) : [getKafkaPaths(root)];
}

export function writeServerProperties(node: KafkaNode, layout: ClusterLayout, tls: BrokerTls | null): void {
  const template = readFileSync(path.join(kafkaConfigDir, "server.properties.template"), "utf8");
  const listeners = [`PLAINTEXT://127.0.0.1:${node.port}`, `CONTROLLER://127.0.0.1:${node.controllerPort}`];
  const advertised = [`PLAINTEXT://127.0.0.1:${node.port}`];
  const protocols = ["CONTROLLER:PLAINTEXT", "PLAINTEXT:PLAINTEXT"];
  let secured = "";
  if (node.saslSslPort !== null) {
    if (!tls) throw new Error("A SASL_SSL listener needs the broker's TLS key store");
    listeners.push(`SASL_SSL://127.0.0.1:${node.saslSslPort}`);
    advertised.push(`SASL_SSL://127.0.0.1:${node.saslSslPort}`);
    protocols.push("SASL_SSL:SASL_SSL");
    secured = [
      "",
      "# Clients may also connect with SASL_SSL (SCRAM-SHA-512 users made by kafka-storage format --add-scram);",
      "# brokers and controllers keep talking PLAINTEXT among themselves on 127.0.0.1.",
      "sasl.enabled.mechanisms=SCRAM-SHA-512",
      "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
      "ssl.keystore.type=PKCS12",
      `ssl.keystore.location=${tls.keystorePath}`,
      `ssl.keystore.password=${tls.storePassword}`,
      `ssl.key.password=${tls.storePassword}`,
      "ssl.client.auth=none",
      "",
    ].join("\n");
  }
  const text = template
    .replaceAll("{{NODE_ID}}", String(node.nodeId))
    .replaceAll("{{QUORUM_VOTERS}}", layout.nodes.map((voter) => `${voter.nodeId}@127.0.0.1:${voter.controllerPort}`).join(","))
    .replaceAll("{{LISTENERS}}", listeners.join(","))
    .replaceAll("{{ADVERTISED_LISTENERS}}", advertised.join(","))
    .replaceAll("{{PROTOCOL_MAP}}", protocols.join(","))
    .replaceAll("{{INTERNAL_REPLICATION}}", String(Math.min(3, layout.nodes.length)))
    .replaceAll("{{STORAGE_DIR}}", node.paths.storageDir)
    .replaceAll("{{SECURED_LISTENER}}", secured);
  writeFileSync(node.paths.serverProperties, text);
}

/** The PLAINTEXT port the data directory's broker was last configured with. */
export function readConfiguredPort(paths: LocalKafkaPaths): number | null {
  const text = existsSync(paths.serverProperties) ? readFileSync(paths.serverProperties, "utf8") : "";
  const match = text.match(/^listeners=PLAINTEXT:\/\/[^:]+:(\d+)/m);
  return match ? Number(match[1]) : null;
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64; a leading "-" would read as a flag. */
export function generateClusterId(): string {
  let id = "";
  while (!id || id.startsWith("-")) id = randomBytes(16).toString("base64url");
  return id;
}

/**
 * Formats KRaft storage once; --ignore-formatted keeps a second call harmless. Every node of a
 * cluster is formatted with the same cluster id; SCRAM users are written into the first metadata.
 */
export function formatStorage(dist: KafkaDist, paths: LocalKafkaPaths, options: { clusterId?: string; scramUsers?: ScramUser[] } = {}): void {
  const scram = (options.scramUsers ?? []).flatMap((user) => ["--add-scram", `SCRAM-SHA-512=[name=${user.username},password=${user.password}]`]);
  const args = [...toolJvmArgs(dist), "kafka.tools.StorageTool", "format", "--ignore-formatted",
    "--cluster-id", options.clusterId ?? generateClusterId(), "--config", paths.serverProperties, ...scram];
  const result = spawnSync("java", args, { encoding: "utf8" });
  if (result.status !== 0) {
    // The tool echoes nothing secret, but keep passwords out of the message anyway.
    const output = `${result.stdout}${result.stderr}`;
    const redacted = (options.scramUsers ?? []).reduce((text, user) => text.replaceAll(user.password, "***"), output);
    throw new Error(`Formatting Kafka storage in ${paths.storageDir} failed:\n${redacted}`);
  }
}
