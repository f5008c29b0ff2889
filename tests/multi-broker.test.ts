// Integration (three real brokers + its own app): a KRaft quorum of three combined nodes started
// by the same scripts as the single broker. One node is stopped under the running app: the
// overview and /api/metrics show exactly the under-replicated and offline partitions that stop
// caused (compared with Kafka's own kafka-topics), lag stays exactly K−C on the replicated topic
// and on the offline one, and no sample fails (nothing is marked stale). Then the node comes back.
// The collector role, its own process as `npm run collector` runs it (the bundle), is checked
// beside the app on a database of its own, through a web replica: the same counts, fresh.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { runKafkaTool, startKafka, stopKafka } from "@/scripts/lib/local-kafka";
import { createTopicsWithLeaders } from "@/scripts/lib/create-topics";
import { pollUntil, uniqueName } from "./support/live-stack";
import { slotDataDir, slotPort, startOwnApp, type OwnApp } from "./support/own-app";
import { startCollectorProcess, startWebReplica, type CollectorProcess } from "./support/service-processes";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import type { RunningApp } from "@/scripts/lib/app-process";

const NODES = 3;
const KAFKA_PORT = slotPort(0); // nodes on +0..+2, controllers on +3..+5
const APP_PORT = slotPort(10);
const REPLICA_PORT = slotPort(11);
const dataDir = slotDataDir("multi");
const CLUSTER = "triple";
const K = 30; // records per partition
const C = 12; // committed per partition
const REPLICATED_PARTITIONS = 3;
const PINNED_PARTITIONS = 2;
/** __consumer_offsets: offsets.topic.num.partitions in scripts/kafka/server.properties.template, one replica per node. */
const OFFSETS_PARTITIONS = 10;

let bootstrap: string;
let app: OwnApp | undefined;
let rolesDatabase: TestDatabase | undefined;
let collector: CollectorProcess | undefined;
let replica: RunningApp | undefined;
let admin: Admin;
let victim: number;
let victimStopped = false;
const replicated = uniqueName("it.replicated");
const pinned = uniqueName("it.pinned");
const replicatedGroup = uniqueName("it-replicated-group");
const pinnedGroup = uniqueName("it-pinned-group");

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  const kafka = await startKafka({ brokers: NODES, port: KAFKA_PORT, dataDir });
  bootstrap = kafka.brokerAddress;
  expect(kafka.cluster?.brokerCount).toBe(NODES);
  app = await startOwnApp({ name: "multi-broker-app", port: APP_PORT, env: { KAFKA_BROKERS: bootstrap, KAFKA_CLUSTER_NAME: CLUSTER } });
  rolesDatabase = await createTestDatabase();
  const rolesEnv = {
    DATABASE_URL: rolesDatabase.url, KAFKA_BROKERS: bootstrap, KAFKA_CLUSTER_NAME: CLUSTER, COLLECTOR_INTERVAL_MS: "1000", AUTH_MODE: "none", AUTH_ALLOW_NONE: "1",
  };
  collector = startCollectorProcess(rolesEnv);
  replica = await startWebReplica(REPLICA_PORT, rolesEnv, "multi-broker-replica");
  admin = new Kafka({ clientId: "it-multi-broker", brokers: bootstrap.split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
}, 300_000);

afterAll(async () => {
  await admin?.disconnect().catch(() => undefined);
  await app?.stop();
  await replica?.stop();
  await collector?.kill9();
  await rolesDatabase?.drop();
  await stopKafka({ dataDir });
});

/** The node leading the KRaft quorum, from Kafka's own kafka-metadata-quorum. */
async function quorumLeader(): Promise<number> {
  const tool = await runKafkaTool("kafka-metadata-quorum", ["--bootstrap-server", bootstrap, "describe", "--status"]);
  expect(tool.code, tool.stderr).toBe(0);
  return Number(tool.stdout.match(/^LeaderId:\s+(\d+)/m)?.[1]);
}

async function commitWithKafkaTool(groupId: string, topic: string) {
  const tool = await runKafkaTool("kafka-consumer-groups", [
    "--bootstrap-server", bootstrap, "--group", groupId, "--topic", topic, "--reset-offsets", "--to-offset", String(C), "--execute",
  ]);
  expect(tool.code, tool.stderr).toBe(0);
}

/** Partitions Kafka's own kafka-topics lists with --under-replicated-partitions / --unavailable-partitions. */
async function countWithKafkaTool(flag: "--under-replicated-partitions" | "--unavailable-partitions"): Promise<number> {
  const tool = await runKafkaTool("kafka-topics", ["--bootstrap-server", bootstrap, "--describe", flag]);
  expect(tool.code, tool.stderr).toBe(0);
  return tool.stdout.split("\n").filter((line) => /\bPartition: \d+/.test(line)).length;
}

const overview = () => app!.getJson(`/api/clusters/${CLUSTER}/overview`);
const fromReplica = async (urlPath: string) => {
  const response = await fetch(`${replica!.url}${urlPath}`, { signal: AbortSignal.timeout(20_000) });
  return { status: response.status, body: (await response.json()) as any };
};
const group = (groupId: string) => app!.getJson(`/api/clusters/${CLUSTER}/groups/${encodeURIComponent(groupId)}`);
const topicDetail = (topic: string) => app!.getJson(`/api/clusters/${CLUSTER}/topics/${encodeURIComponent(topic)}`);

/** Reads overview samples (the app's, unless `read` says) until `until` holds, recording every freshness seen on the way. */
async function watchOverview(
  what: string,
  until: (body: any) => boolean,
  seen: { stale: boolean; lastError: string | null }[],
  timeoutMs = 60_000,
  read: () => Promise<{ status: number; body: any }> = overview,
) {
  let last: unknown;
  return pollUntil(
    what,
    async () => {
      const response = await read();
      last = response.body;
      if (response.status !== 200) return undefined;
      seen.push({ stale: response.body.freshness.stale, lastError: response.body.freshness.lastError });
      return until(response.body) ? response.body : undefined;
    },
    { timeoutMs, everyMs: 200, describeLast: () => last },
  );
}

describe("three brokers", () => {
  it("shows the partitions a stopped broker leaves under-replicated and offline, with exact lag and fresh data", async () => {
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((broker) => broker.nodeId).sort()).toEqual([1, 2, 3]);
    // Stop a node that does not lead the quorum: the controller stays put, so what is measured is
    // the broker going away, not a controller election.
    const leader = await quorumLeader();
    victim = [1, 2, 3].find((nodeId) => nodeId !== leader)!;

    await createTopicsWithLeaders(admin, [
      { topic: replicated, numPartitions: REPLICATED_PARTITIONS, replicationFactor: 3 },
      // Every replica of this one on the victim: it goes offline with it.
      { topic: pinned, replicaAssignment: Array.from({ length: PINNED_PARTITIONS }, (_, partition) => ({ partition, replicas: [victim] })) },
    ]);
    const producer = new Kafka({ clientId: "it-multi-broker-producer", brokers: bootstrap.split(","), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    for (const [topic, partitions] of [[replicated, REPLICATED_PARTITIONS], [pinned, PINNED_PARTITIONS]] as const) {
      for (let partition = 0; partition < partitions; partition++) {
        await producer.send({ topic, acks: -1, messages: Array.from({ length: K }, (_, index) => ({ partition, value: `${topic} p${partition} m${index}` })) });
      }
    }
    await producer.disconnect();
    await commitWithKafkaTool(replicatedGroup, replicated);
    await commitWithKafkaTool(pinnedGroup, pinned);

    // Before: every partition has its replicas, both groups K−C behind on every partition.
    const seenBefore: { stale: boolean; lastError: string | null }[] = [];
    await watchOverview("both groups in a sample", (body) => body.overview.groupCount >= 2 && body.overview.brokers.length === NODES, seenBefore);
    const before = await pollUntil("exact lag before the stop", async () => {
      const [a, b] = await Promise.all([group(replicatedGroup), group(pinnedGroup)]);
      return a.status === 200 && b.status === 200 && a.body.group.lag === REPLICATED_PARTITIONS * (K - C) && b.body.group.lag === PINNED_PARTITIONS * (K - C) ? [a, b] : undefined;
    }, { timeoutMs: 30_000 });
    expect(before.map((response) => response.body.group.maxLag)).toEqual([K - C, K - C]);
    const healthy = (await overview()).body;
    expect(healthy.overview.totals).toMatchObject({ underReplicatedPartitions: 0, offlinePartitions: 0 });

    // Stop the victim; watch every sample from here on.
    const seen: { stale: boolean; lastError: string | null }[] = [];
    const stopped = await stopKafka({ dataDir, nodeId: victim });
    victimStopped = true;
    expect(stopped.stopped).toBe(true);
    const expectedUnderReplicated = REPLICATED_PARTITIONS + PINNED_PARTITIONS + OFFSETS_PARTITIONS;
    const after = await watchOverview(
      "the stopped broker's partitions in the overview",
      (body) => body.overview.brokers.length === NODES - 1 && body.overview.totals.offlinePartitions === PINNED_PARTITIONS && body.overview.totals.underReplicatedPartitions === expectedUnderReplicated,
      seen,
    );

    // Kafka's own tool agrees with the counts (an offline partition with an empty ISR counts as
    // under-replicated there too).
    expect(await countWithKafkaTool("--under-replicated-partitions")).toBe(expectedUnderReplicated);
    expect(await countWithKafkaTool("--unavailable-partitions")).toBe(PINNED_PARTITIONS);
    expect(after.overview.brokers.map((broker: { nodeId: number }) => broker.nodeId)).toEqual([1, 2, 3].filter((nodeId) => nodeId !== victim));

    // Several consecutive samples: the same counts, fresh, lag exact on both topics.
    let sampledAt = after.freshness.sampledAt;
    for (let sample = 0; sample < 4; sample++) {
      const body = await watchOverview("the next sample", (next) => next.freshness.sampledAt > sampledAt, seen, 15_000);
      sampledAt = body.freshness.sampledAt;
      expect(body.freshness).toMatchObject({ stale: false, lastError: null });
      expect(body.overview.totals).toMatchObject({ underReplicatedPartitions: expectedUnderReplicated, offlinePartitions: PINNED_PARTITIONS });

      const [replicatedLag, pinnedLag] = await Promise.all([group(replicatedGroup), group(pinnedGroup)]);
      expect(replicatedLag.body.freshness.stale).toBe(false);
      expect(replicatedLag.body.group.lag).toBe(REPLICATED_PARTITIONS * (K - C));
      // Offline partitions keep the end offsets read while they had a leader: still K.
      expect(pinnedLag.body.group.lag).toBe(PINNED_PARTITIONS * (K - C));
      expect(pinnedLag.body.group.partitions.map((row: { endOffset: number; committedOffset: number; lag: number }) => [row.endOffset, row.committedOffset, row.lag])).toEqual(
        Array.from({ length: PINNED_PARTITIONS }, () => [K, C, K - C]),
      );
    }

    const [replicatedTopic, pinnedTopic] = await Promise.all([topicDetail(replicated), topicDetail(pinned)]);
    expect(replicatedTopic.body.topic).toMatchObject({ underReplicatedPartitions: REPLICATED_PARTITIONS, offlinePartitions: 0 });
    expect(pinnedTopic.body.topic).toMatchObject({ underReplicatedPartitions: PINNED_PARTITIONS, offlinePartitions: PINNED_PARTITIONS });
    expect(pinnedTopic.body.topic.partitions.map((partition: { leader: number }) => partition.leader)).toEqual([-1, -1]);

    const metrics = await app!.getText("/api/metrics");
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain(`tributary_cluster_up{cluster="${CLUSTER}"} 1\n`);
    expect(metrics.text).toContain(`tributary_cluster_brokers{cluster="${CLUSTER}"} ${NODES - 1}\n`);
    expect(metrics.text).toContain(`tributary_cluster_under_replicated_partitions{cluster="${CLUSTER}"} ${expectedUnderReplicated}\n`);
    expect(metrics.text).toContain(`tributary_cluster_offline_partitions{cluster="${CLUSTER}"} ${PINNED_PARTITIONS}\n`);
    expect(metrics.text).toContain(`tributary_topic_under_replicated_partitions{cluster="${CLUSTER}",topic="${replicated}"} ${REPLICATED_PARTITIONS}\n`);
    expect(metrics.text).toContain(`tributary_topic_offline_partitions{cluster="${CLUSTER}",topic="${replicated}"} 0\n`);
    expect(metrics.text).toContain(`tributary_topic_under_replicated_partitions{cluster="${CLUSTER}",topic="${pinned}"} ${PINNED_PARTITIONS}\n`);
    expect(metrics.text).toContain(`tributary_topic_offline_partitions{cluster="${CLUSTER}",topic="${pinned}"} ${PINNED_PARTITIONS}\n`);
    expect(metrics.text).toContain(`tributary_consumer_group_lag_messages{cluster="${CLUSTER}",group="${replicatedGroup}",topic="${replicated}"} ${REPLICATED_PARTITIONS * (K - C)}\n`);
    expect(metrics.text).toContain(`tributary_consumer_group_lag_messages{cluster="${CLUSTER}",group="${pinnedGroup}",topic="${pinned}"} ${PINNED_PARTITIONS * (K - C)}\n`);

    // The collector role reads the same while the broker is away: a web replica serves what it
    // publishes. Its samples do not fail on the offline partitions either (the bundle once carried
    // a second kafkajs, without this app's patches, whose listGroups refused them).
    const replicaOverview = () => fromReplica(`/api/clusters/${CLUSTER}/overview`);
    const replicaSeen: { stale: boolean; lastError: string | null }[] = [];
    const fromCollector = await watchOverview(
      "the collector process's snapshot with the stopped broker's partitions",
      (body) => body.overview.totals.offlinePartitions === PINNED_PARTITIONS && body.overview.totals.underReplicatedPartitions === expectedUnderReplicated,
      replicaSeen,
      60_000,
      replicaOverview,
    );
    let replicaSampledAt = fromCollector.freshness.sampledAt;
    for (let sample = 0; sample < 3; sample++) {
      const body = await watchOverview("the collector process's next sample", (next) => next.freshness.sampledAt > replicaSampledAt, replicaSeen, 15_000, replicaOverview);
      replicaSampledAt = body.freshness.sampledAt;
      expect(body.freshness).toMatchObject({ stale: false, lastError: null });
      expect(body.overview.totals).toMatchObject({ underReplicatedPartitions: expectedUnderReplicated, offlinePartitions: PINNED_PARTITIONS });
      expect(body.overview.brokers.map((broker: { nodeId: number }) => broker.nodeId)).toEqual([1, 2, 3].filter((nodeId) => nodeId !== victim));
    }
    const [replicatedFromCollector, pinnedFromCollector] = await Promise.all([
      fromReplica(`/api/clusters/${CLUSTER}/groups/${encodeURIComponent(replicatedGroup)}`),
      fromReplica(`/api/clusters/${CLUSTER}/groups/${encodeURIComponent(pinnedGroup)}`),
    ]);
    expect(replicatedFromCollector.body.group.lag).toBe(REPLICATED_PARTITIONS * (K - C));
    expect(pinnedFromCollector.body.group.partitions.map((row: { endOffset: number; committedOffset: number; lag: number }) => [row.endOffset, row.committedOffset, row.lag])).toEqual(
      Array.from({ length: PINNED_PARTITIONS }, () => [K, C, K - C]),
    );

    // Not one sample failed while the broker went away.
    console.log(`${seen.length} overview reads after the stop, ${seen.filter((entry) => entry.stale).length} stale`);
    expect(seen.filter((entry) => entry.stale || entry.lastError !== null)).toEqual([]);

    // The node comes back with the same command that started the cluster; its partitions recover.
    const restarted = await startKafka({ brokers: NODES, port: KAFKA_PORT, dataDir });
    victimStopped = false;
    expect(restarted.nodes.map((node) => node.running)).toEqual([true, true, true]);
    const recovered = await watchOverview(
      "every partition in sync again",
      (body) => body.overview.brokers.length === NODES && body.overview.totals.underReplicatedPartitions === 0 && body.overview.totals.offlinePartitions === 0,
      seen,
      90_000,
    );
    expect(recovered.freshness.stale).toBe(false);
    const pinnedBack = await group(pinnedGroup);
    expect(pinnedBack.body.group.lag).toBe(PINNED_PARTITIONS * (K - C));
  }, 360_000);
});

afterAll(() => {
  if (victimStopped) console.log(`node ${victim} was left stopped; stopKafka stops the rest`);
});
