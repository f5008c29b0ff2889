import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { classifyKafkaError } from "@/lib/kafka/kafka-errors";
import { allowOfflinePartitions } from "@/lib/kafka/offline-partitions";

export type KafkaHealth =
  | { cluster: string; ok: true; clusterId: string; brokers: number; controller: number | null }
  | { cluster: string; ok: false; reason: string };

/** A live check for /api/health: one metadata round trip with a short deadline. */
export async function checkKafka(config: ClusterConfig, timeoutMs = 4_000): Promise<KafkaHealth> {
  try {
    const result = await withTimeout(
      // A partition without a leader is the overview's news, not a reason to call Kafka down.
      allowOfflinePartitions(async () => {
        const { admin } = await connectKafkaClients(config);
        return admin.describeCluster();
      }),
      timeoutMs,
    );
    return { cluster: config.name, ok: true, clusterId: result.clusterId, brokers: result.brokers.length, controller: result.controller };
  } catch (error) {
    await resetKafkaClients(config.name);
    // Rejected credentials or an untrusted certificate say so; anything else reads as unreachable.
    const classified = classifyKafkaError(error, config);
    if (classified.kind !== "unreachable" && classified.kind !== "other") return { cluster: config.name, ok: false, reason: classified.message };
    const message = classified.kind === "other" ? classified.message : (error as Error).message;
    return { cluster: config.name, ok: false, reason: `cannot reach Kafka at ${config.brokers.join(", ")}: ${message}` };
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
