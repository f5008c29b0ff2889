// Integration (the shared real broker): a collector's topic configs are read from any broker, in
// one DescribeConfigs per 500 topics, and a topic the broker answers with an error (deleted since
// the sample's metadata, or never there) is left out without losing the others' configs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin } from "kafkajs";
import type { ClusterConfig } from "@/lib/env";
import { resetKafkaClients } from "@/lib/kafka/connection";
import { describeTopicConfigs } from "@/lib/kafka/topic-configs";
import { createTopicsWithLeaders } from "@/scripts/lib/create-topics";
import { createKafka, stack, uniqueName } from "./support/live-stack";

const config = { name: uniqueName("it-configs-cluster"), brokers: stack.brokers.split(","), ssl: false } as unknown as ClusterConfig;
const RETENTION_MS = "3600123";
// Topic names take only ASCII letters, digits, '.', '_' and '-'.
const kept = uniqueName("it.configs_kept-1");
const other = uniqueName("it.configs.other");
const missing = uniqueName("it.configs.missing");
let admin: Admin;

beforeAll(async () => {
  admin = createKafka("it-topic-configs").admin();
  await admin.connect();
  await createTopicsWithLeaders(admin, [
    { topic: kept, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: "retention.ms", value: RETENTION_MS }] },
    { topic: other, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: "cleanup.policy", value: "compact" }] },
  ]);
});

afterAll(async () => {
  await admin?.deleteTopics({ topics: [kept, other] }).catch(() => {});
  await admin?.disconnect();
  await resetKafkaClients(config.name);
});

describe("topic configs", () => {
  it("are read for every topic that exists, and a topic answered with an error is left out alone", async () => {
    const configs = await describeTopicConfigs(config, [kept, missing, other]);
    expect([...configs.keys()].sort()).toEqual([kept, other].sort());
    const value = (topic: string, name: string) => configs.get(topic)!.find((entry) => entry.name === name);
    expect(value(kept, "retention.ms")).toMatchObject({ value: RETENTION_MS, isDefault: false });
    expect(value(other, "cleanup.policy")).toMatchObject({ value: "compact", isDefault: false });
    expect(value(other, "retention.ms")).toMatchObject({ isDefault: true });
    // Sorted by name, as the topic page lists them.
    const names = configs.get(kept)!.map((entry) => entry.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
