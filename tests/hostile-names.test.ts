// Integration (real broker, real app): every name Kafka accepts works on the API and the pages.
// Consumer groups named 50%off, a/b, c#d, e?f=1, "with space", grüße-👋 and %2F (literally) commit
// offsets through Kafka's own kafka-consumer-groups tool (not kafkajs) on a topic with legal odd
// characters holding K records; the API must answer 200 with lag exactly K − N, decoding the
// percent-encoded id exactly once, and the pages must open at /clusters/local/groups/{encoded id}.
import { randomBytes } from "node:crypto";
import type { Admin, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runKafkaTool } from "@/scripts/lib/kafka-dist";
import { clusterPath, createKafka, createTopic, getJson, pollUntil, readGroup, readTopic, stack } from "./support/live-stack";

const run = randomBytes(3).toString("hex");
const TOPIC = `x.y_z-1.${run}`;
const K = 10;
const N = 3;
/** The names, each with a per-run tail so reruns on one broker do not collide. */
const HOSTILE_GROUP_IDS = ["50%off", "a/b", "c#d", "e?f=1", "with space", "grüße-👋", "%2F"].map((id) => `${id}~${run}`);

let admin: Admin;
let producer: Producer;

/** Commits offset N for every group through Kafka's own tool, one JVM for all groups. */
async function commitOffsetsWithKafkaTool(topic: string, groupIds: string[], offset: number) {
  const result = await runKafkaTool("kafka-consumer-groups", [
    "--bootstrap-server", stack.brokers, "--reset-offsets", "--to-offset", String(offset), "--execute", "--topic", topic,
    ...groupIds.flatMap((groupId) => ["--group", groupId]),
  ]);
  if (result.code !== 0) throw new Error(`kafka-consumer-groups failed (${result.code}): ${result.stderr}${result.stdout}`);
  for (const groupId of groupIds) expect(result.stdout, `the tool reset ${groupId}`).toContain(groupId);
}

beforeAll(async () => {
  const kafka = createKafka("hostile-names-test");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  await createTopic(admin, TOPIC, 1);
  await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: K }, (_, index) => ({ value: `record ${index}` })) });
  await commitOffsetsWithKafkaTool(TOPIC, HOSTILE_GROUP_IDS, N);
});

afterAll(async () => {
  await admin?.deleteGroups(HOSTILE_GROUP_IDS).catch(() => undefined);
  await admin?.deleteTopics({ topics: [TOPIC] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

describe("hostile names on the API and the pages", () => {
  it.each(HOSTILE_GROUP_IDS)("group %s: detail 200 with lag exactly K − N, the id decoded once", async (groupId) => {
    const response = await pollUntil(`group ${groupId} in a sample`, () => readGroup(groupId), { timeoutMs: 60_000, everyMs: 500 });
    expect(response.body.group.groupId).toBe(groupId);
    expect(response.body.group.lag).toBe(K - N);
    expect(response.body.group.partitions).toEqual([expect.objectContaining({ topic: TOPIC, partition: 0, committedOffset: N, endOffset: K, lag: K - N })]);
  });

  it.each(HOSTILE_GROUP_IDS)("group %s: history 200 with the sampled lag", async (groupId) => {
    const path = clusterPath(`/groups/${encodeURIComponent(groupId)}/history?range=15m`);
    const history = await pollUntil(
      `history of ${groupId}`,
      async () => {
        const response = await getJson(path);
        if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.points.some((point: { lag: number }) => point.lag === K - N) ? response : undefined;
      },
      { timeoutMs: 60_000, everyMs: 1_000 },
    );
    expect(history.body.points.every((point: { lag: number }) => point.lag === K - N)).toBe(true);
    const perTopic = await getJson(`${path}&topic=${encodeURIComponent(TOPIC)}`);
    expect(perTopic.status).toBe(200);
  });

  it("lists every hostile group in the groups list and in the topic's readers, ids unchanged", async () => {
    for (const groupId of HOSTILE_GROUP_IDS) {
      const list = await getJson(clusterPath(`/groups?search=${encodeURIComponent(groupId)}`));
      expect(list.status).toBe(200);
      expect(list.body.rows.map((row: { groupId: string }) => row.groupId)).toEqual([groupId]);
    }
    const topic = await pollUntil(`topic ${TOPIC}`, () => readTopic(TOPIC), { timeoutMs: 30_000 });
    expect(topic.body.topic.name).toBe(TOPIC);
    const readers = JSON.stringify(topic.body.readers);
    for (const groupId of HOSTILE_GROUP_IDS) expect(readers).toContain(JSON.stringify(groupId).slice(1, -1));
    expect((await getJson(clusterPath(`/topics/${encodeURIComponent(TOPIC)}/history?range=15m`))).status).toBe(200);
    expect((await getJson(clusterPath(`/topics/${encodeURIComponent(TOPIC)}/messages?from=offset&offset=0&limit=${K}`))).body.messages).toHaveLength(K);
  });

  it("answers 404 (not 500) for an unknown group's detail and history, whatever its characters", async () => {
    for (const groupId of HOSTILE_GROUP_IDS.map((id) => `${id}-missing`)) {
      const detail = await getJson(clusterPath(`/groups/${encodeURIComponent(groupId)}`));
      expect(detail.status, groupId).toBe(404);
      const history = await getJson(clusterPath(`/groups/${encodeURIComponent(groupId)}/history`));
      expect(history.status, `${groupId} history`).toBe(404);
    }
  });

  it.each(HOSTILE_GROUP_IDS)("group %s: the page opens at /clusters/local/groups/{id encoded once}", async (groupId) => {
    const page = await fetch(`${stack.appUrl}/clusters/local/groups/${encodeURIComponent(groupId)}`, { signal: AbortSignal.timeout(30_000) });
    expect(page.status).toBe(200);
    // The old address still works: it redirects to the new one, the id encoded once.
    const old = await fetch(`${stack.appUrl}/groups/${encodeURIComponent(groupId)}?cluster=local`, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
    expect([301, 302, 307, 308]).toContain(old.status);
    expect(new URL(old.headers.get("location")!, stack.appUrl).pathname).toBe(`/clusters/local/groups/${encodeURIComponent(groupId)}`);
  });

  it("opens the topic page of a topic with dots, underscores and dashes", async () => {
    const page = await fetch(`${stack.appUrl}/clusters/local/topics/${encodeURIComponent(TOPIC)}`, { signal: AbortSignal.timeout(30_000) });
    expect(page.status).toBe(200);
  });
});
