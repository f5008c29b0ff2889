// Integration (its own real broker, stopped and started here): ListGroups is not proof that a group
// is gone. A broker shutting down cleanly still answers ListGroups, with no groups and no error,
// for a moment before it stops listening; a sample that believed it would publish a cluster
// without consumer groups as its last good snapshot. Groups are committed with Kafka's own
// kafka-consumer-groups and deleted with it.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kafka, logLevel } from "kafkajs";
import { runKafkaTool, startKafka, stopKafka } from "@/scripts/lib/local-kafka";
import type { ClusterConfig } from "@/lib/env";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { describeGroupsWithOffsets } from "@/lib/kafka/group-offsets";
import { readClusterMetadata } from "@/lib/kafka/cluster-metadata";
import { takeRawSample } from "@/lib/kafka/raw-sample";
import { ClusterCollector } from "@/lib/collector/cluster-collector";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import { decodeDeriveState, encodeDeriveState } from "@/lib/collector/derive-state-codec";
import { sleep } from "./support/live-stack";
import { slotDataDir, slotPort } from "./support/own-app";

const KAFKA_PORT = slotPort(40); // controller on +41
const dataDir = slotDataDir("coordinator");
const TOPIC = "it.coordinator";
const PARTITIONS = 2;
const K = 12; // records per partition
const C = 7; // committed per partition
const GROUPS = ["it-coordinator-a", "it-coordinator-b/%", "it-coordinator-ç", "it-coordinator-d"];
/** Deleted by the first test. */
const DOOMED = "it-doomed-group";
const STOP_ROUNDS = 3;

let bootstrap: string;
let brokerStopped = false;

beforeAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  bootstrap = (await startKafka({ port: KAFKA_PORT, dataDir })).brokerAddress;
  const created = await runKafkaTool("kafka-topics", ["--bootstrap-server", bootstrap, "--create", "--topic", TOPIC, "--partitions", String(PARTITIONS)]);
  expect(created.code, created.stderr).toBe(0);
  // Records first: kafka-consumer-groups clamps a reset to the log's end.
  const producer = new Kafka({ clientId: "it-coordinator", brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  for (let partition = 0; partition < PARTITIONS; partition++) {
    await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: K }, (_, index) => ({ partition, value: `m${index}` })) });
  }
  await producer.disconnect();
  for (const groupId of [...GROUPS, DOOMED]) {
    const reset = await runKafkaTool("kafka-consumer-groups", [
      "--bootstrap-server", bootstrap, "--group", groupId, "--topic", TOPIC, "--reset-offsets", "--to-offset", String(C), "--execute",
    ]);
    expect(reset.code, reset.stderr).toBe(0);
  }
}, 240_000);

afterAll(async () => {
  await stopKafka({ dataDir });
});

const config = (name: string): ClusterConfig => ({ name, brokers: [bootstrap], ssl: false }) as ClusterConfig;

/** Each group's committed offsets as [groupId, topic, partition, offset] rows. */
const committedRows = (groups: { groupId: string; committed: ReadonlyMap<string, ReadonlyMap<number, number>> }[]) =>
  groups.flatMap((group) => [...group.committed].flatMap(([topic, partitions]) => [...partitions].map(([partition, offset]) => [group.groupId, topic, partition, offset])));

const expectedRows = (groupIds: string[]) =>
  [...groupIds].sort((a, b) => a.localeCompare(b)).flatMap((groupId) => Array.from({ length: PARTITIONS }, (_, partition) => [groupId, TOPIC, partition, C]));

/** A sample once the (re)started broker answers; its coordinator may still be loading the groups. */
async function sampleOnceUp(cluster: ClusterConfig) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await takeRawSample(cluster);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

describe("groups missing from ListGroups", () => {
  it("are described again, and leave a sample only when their coordinator says they are gone", async () => {
    const cluster = config("coordinator-unlisted");
    try {
      const { cluster: internal } = await connectKafkaClients(cluster);
      await readClusterMetadata(internal); // fills kafkajs's broker pool, as a sample does first
      const everyGroup = [...GROUPS, DOOMED];
      const all = await describeGroupsWithOffsets(cluster.name, internal, everyGroup);
      expect(committedRows(all)).toEqual(expectedRows(everyGroup));

      // ListGroups left two out: they are still there, with the same offsets.
      const listed = GROUPS.slice(0, 3);
      const again = await describeGroupsWithOffsets(cluster.name, internal, listed);
      expect(committedRows(again)).toEqual(expectedRows(everyGroup));

      // Deleted with Kafka's own tool: Dead at the coordinator, so gone from the sample.
      const deleted = await runKafkaTool("kafka-consumer-groups", ["--bootstrap-server", bootstrap, "--delete", "--group", DOOMED]);
      expect(deleted.code, deleted.stderr).toBe(0);
      const afterDelete = await describeGroupsWithOffsets(cluster.name, internal, listed);
      expect(committedRows(afterDelete)).toEqual(expectedRows(GROUPS));
      // Described again next time (still not listed), then not asked about any more.
      expect(committedRows(await describeGroupsWithOffsets(cluster.name, internal, listed))).toEqual(expectedRows(GROUPS));
      expect(committedRows(await describeGroupsWithOffsets(cluster.name, internal, GROUPS))).toEqual(expectedRows(GROUPS));
    } finally {
      await resetKafkaClients(cluster.name);
    }
  });

  it("are remembered from the state a previous leader saved, for the successor's first read", async () => {
    const previous = config("coordinator-previous-leader");
    const successor = config("coordinator-successor");
    try {
      const state = createDeriveState();
      deriveSnapshot(state, await takeRawSample(previous), { cluster: previous.name, windowSize: 4, maxOffsetPoints: 6, retentionMsByTopic: new Map() });
      const collector = new ClusterCollector(successor, {
        intervalMs: 10_000,
        windowSize: 4,
        stateCodec: { encode: (saved) => encodeDeriveState(saved), decode: decodeDeriveState },
      });
      expect(collector.restoreState(encodeDeriveState(state))).toBe(true);

      const { cluster: internal } = await connectKafkaClients(successor);
      await readClusterMetadata(internal);
      // The successor's first read, with ListGroups answering as a broker shutting down does: one group listed.
      const first = await describeGroupsWithOffsets(successor.name, internal, GROUPS.slice(0, 1));
      expect(committedRows(first.filter((group) => group.groupId.startsWith("it-coordinator-")))).toEqual(expectedRows(GROUPS));
    } finally {
      await resetKafkaClients(previous.name);
      await resetKafkaClients(successor.name);
    }
  });

  it("never publish a sample without its groups while the only broker shuts down", async () => {
    const cluster = config("coordinator-shutdown");
    const outcomes: string[] = [];
    try {
      for (let round = 0; round < STOP_ROUNDS; round++) {
        const before = await sampleOnceUp(cluster);
        expect(committedRows(before.groups.filter((group) => group.groupId.startsWith("it-coordinator-")))).toEqual(expectedRows(GROUPS));
        const groupCount = before.groups.length;

        // Sample back to back while the broker stops cleanly, until a sample fails.
        let stopping = true;
        const stop = stopKafka({ dataDir }).finally(() => (stopping = false));
        brokerStopped = true;
        const seen: number[] = [];
        let failure: string | undefined;
        while (failure === undefined) {
          try {
            seen.push((await takeRawSample(cluster)).groups.length);
          } catch (error) {
            failure = error instanceof Error ? error.message : String(error);
          }
          if (!stopping && failure === undefined) await sleep(20);
        }
        expect((await stop).stopped).toBe(true);
        outcomes.push(`round ${round}: ${seen.length} samples succeeded during the stop, then "${failure}"`);
        // Every sample that succeeded has all the groups; none has fewer.
        expect(seen.filter((count) => count !== groupCount)).toEqual([]);

        await startKafka({ port: KAFKA_PORT, dataDir });
        brokerStopped = false;
      }
    } finally {
      console.log(outcomes.join("\n"));
      if (brokerStopped) await startKafka({ port: KAFKA_PORT, dataDir });
      await resetKafkaClients(cluster.name);
    }
  }, 240_000);
});
