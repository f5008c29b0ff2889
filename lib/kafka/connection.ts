import "server-only";
// Before any connection exists: kafkajs's idle request queues otherwise spin on a 1 ms timer.
import "@/lib/kafka/kafkajs-patches";
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { Kafka, logLevel, type KafkaConfig, type Admin, type SASLOptions } from "kafkajs";
import type { ClusterConfig } from "@/lib/env";
import { createInternalCluster, type InternalCluster } from "@/lib/kafka/internal-cluster";

export type KafkaClients = { kafka: Kafka; admin: Admin; cluster: InternalCluster; connected: boolean };

const globalForKafka = globalThis as unknown as { tributaryKafka?: Map<string, KafkaClients> };

/** kafkajs settings for one configured cluster: short timeouts so a dead broker fails a sample fast. */
export function toKafkaConfig(cluster: ClusterConfig): KafkaConfig {
  return {
    clientId: "tributary",
    brokers: cluster.brokers,
    ssl: toTlsOptions(cluster),
    sasl: cluster.sasl ? ({ ...cluster.sasl } as SASLOptions) : undefined,
    connectionTimeout: 3_000,
    requestTimeout: 15_000,
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1_000 },
    logLevel: logLevel.NOTHING,
  };
}

/**
 * The cluster's `ssl` setting as Node's TLS options: `true` trusts the system's CAs; `{ ca }` trusts
 * the CA certificates in that PEM file (read once, when the clients are created); `servername`
 * checks the certificate against that name instead of the broker's address.
 */
export function toTlsOptions(cluster: ClusterConfig): ConnectionOptions | boolean {
  const ssl = cluster.ssl;
  if (typeof ssl === "boolean") return ssl;
  let ca: Buffer | undefined;
  if (ssl.ca) {
    try {
      ca = readFileSync(ssl.ca);
    } catch (error) {
      throw new Error(`cannot read ssl.ca of cluster ${cluster.name} (${ssl.ca}): ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return {
    ...(ca ? { ca: [ca] } : {}),
    rejectUnauthorized: ssl.rejectUnauthorized,
    ...(ssl.servername ? { servername: ssl.servername } : {}),
  };
}

/** One admin client and one low-level cluster connection per configured cluster, created lazily. */
export function getKafkaClients(cluster: ClusterConfig): KafkaClients {
  globalForKafka.tributaryKafka ??= new Map();
  let clients = globalForKafka.tributaryKafka.get(cluster.name);
  if (!clients) {
    const config = toKafkaConfig(cluster);
    const kafka = new Kafka(config);
    clients = { kafka, admin: kafka.admin(), cluster: createInternalCluster(config), connected: false };
    globalForKafka.tributaryKafka.set(cluster.name, clients);
  }
  return clients;
}

/** Connects on first use; after a failure the next call tries again. */
export async function connectKafkaClients(cluster: ClusterConfig): Promise<KafkaClients> {
  const clients = getKafkaClients(cluster);
  if (!clients.connected) {
    await clients.admin.connect();
    await clients.cluster.connect();
    clients.connected = true;
  }
  return clients;
}

/** Drops the connections so the next sample reconnects from scratch (after broker restarts). */
export async function resetKafkaClients(clusterName: string): Promise<void> {
  const clients = globalForKafka.tributaryKafka?.get(clusterName);
  if (!clients) return;
  globalForKafka.tributaryKafka?.delete(clusterName);
  await Promise.allSettled([clients.admin.disconnect(), clients.cluster.disconnect()]);
}
