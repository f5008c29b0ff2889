import "server-only";
import kafkajs from "kafkajs";
import { chunks } from "@/lib/collections";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients } from "@/lib/kafka/connection";
import { describeConfigsKeepingErrors } from "@/lib/kafka/internal-cluster";
import { withAnyBroker } from "@/lib/kafka/cluster-metadata";

// kafkajs is CommonJS, and Node's own ESM loader (scripts and benchmarks run lib/ under tsx) cannot
// see this export by name; the default import works there and in the Next.js bundle alike.
const { ConfigResourceTypes } = kafkajs;

export type TopicConfigEntry = { name: string; value: string | null; isDefault: boolean; readOnly: boolean; sensitive: boolean };

const BATCH = 500;

/** Every config of the given topics, in one DescribeConfigs request per 500 topics. */
export async function describeTopicConfigs(
  cluster: ClusterConfig,
  topics: string[],
): Promise<Map<string, TopicConfigEntry[]>> {
  const clients = await connectKafkaClients(cluster);
  const result = new Map<string, TopicConfigEntry[]>();
  for (const batch of chunks(topics, BATCH)) {
    // Any broker answers for a topic's configs. kafkajs's admin read the metadata of every topic
    // before each request (six times at 3,000 topics) and kept it. A topic answered with an error
    // (deleted since the sample's metadata) is left out alone; kafkajs failed its whole batch.
    const request = { includeSynonyms: false, resources: batch.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) };
    const { resources } = await withAnyBroker(clients.cluster, (broker) => describeConfigsKeepingErrors(broker, request));
    for (const resource of resources) {
      if (resource.errorCode !== 0) continue;
      result.set(
        resource.resourceName,
        resource.configEntries
          .map((entry) => ({
            name: entry.configName,
            value: entry.isSensitive ? null : entry.configValue,
            isDefault: entry.isDefault,
            readOnly: entry.readOnly,
            sensitive: entry.isSensitive,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    }
  }
  return result;
}
