// Catalog, channels and rules for the alerts tests, made through the app's own API, and the Kafka
// side of an alert: records with old timestamps and a commit made with kafka-consumer-groups.
import type { Producer } from "kafkajs";
import { expect } from "vitest";
import { runKafkaTool } from "@/scripts/lib/local-kafka";
import { getJson, pollUntil, stack } from "./live-stack";
import { apiWrite, mustWrite } from "./api-write";

export { apiWrite, mustWrite };

/** A team, a service listing `groups`, and a contract on `topic` with a lag objective. */
export async function createAlertsCatalog(options: { team: string; service: string; groups: string[]; topic: string; lagObjectiveSec: number }) {
  await mustWrite(201, "POST", "/api/catalog/teams", { slug: options.team, name: `Alerts ${options.team}` });
  await mustWrite(201, "POST", "/api/catalog/services", { slug: options.service, name: `Service ${options.service}`, team: options.team, consumerGroups: options.groups });
  await mustWrite(201, "POST", "/api/catalog/contracts", {
    cluster: "local",
    topic: options.topic,
    owner: options.service,
    partitions: 1,
    compatibility: "backward",
    classification: "internal",
    lagObjectiveSec: options.lagObjectiveSec,
  });
}

/** K records one second apart, the first `ageSec` old, on partition 0. */
export async function produceOldRecords(producer: Producer, topic: string, count: number, ageSec: number) {
  const first = Date.now() - ageSec * 1000;
  await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, offset) => ({ partition: 0, value: `m${offset}`, timestamp: String(first + offset * 1000) })) });
}

/** Commits `offset` for the group with Kafka's own tool (not kafkajs). */
export async function commitWithKafkaTool(groupId: string, topic: string, offset: number) {
  const tool = await runKafkaTool("kafka-consumer-groups", ["--bootstrap-server", stack.brokers, "--group", groupId, "--topic", topic, "--reset-offsets", "--to-offset", String(offset), "--execute"]);
  expect(tool.code, tool.stderr).toBe(0);
}

/** The alerts of a group in the API, once `until` holds for them. */
export async function waitForAlerts(query: Record<string, string>, until: (alerts: any[]) => boolean, what: string, timeoutMs = 60_000) {
  let last: unknown;
  return pollUntil(
    what,
    async () => {
      const response = await getJson(`/api/alerts?${new URLSearchParams(query).toString()}`);
      last = response.body;
      return response.status === 200 && until(response.body.alerts) ? (response.body.alerts as any[]) : undefined;
    },
    { timeoutMs, everyMs: 500, describeLast: () => last },
  );
}

export async function waitForAlertDetail(id: string, until: (detail: any) => boolean, what: string, timeoutMs = 60_000) {
  let last: unknown;
  return pollUntil(
    what,
    async () => {
      const response = await getJson(`/api/alerts/${id}`);
      last = response.body;
      return response.status === 200 && until(response.body) ? response.body : undefined;
    },
    { timeoutMs, everyMs: 500, describeLast: () => last },
  );
}
