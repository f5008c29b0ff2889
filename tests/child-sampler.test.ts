// Integration (real processes, real broker and PostgreSQL): role `all`'s sampling child
// (lib/collector/service/child-sampler.ts). Its samples reach the web process; killed, it is started
// again; and a child whose channel closed before it exited (as when it dies) must raise nothing in
// the web process: a message Node.js cannot send is an 'error' event of the child, and with no
// listener an uncaught exception (which vitest, like any host but Next.js's logging handler, fails on).
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { ChildProcessSampler } from "@/lib/collector/service/child-sampler";
import type { SampleResult } from "@/lib/collector/service/sample-result";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { createKafka, createTopic, pollUntil, produceToEachPartition, sleep, stack, uniqueName } from "./support/live-stack";

const CLUSTER = "child-sampler";
const PARTITIONS = 3;
const PER_PARTITION = 4;

let database: TestDatabase | null = null;
let close: (() => Promise<void>) | null = null;
let sampler: ChildProcessSampler | null = null;
const savedEnv = { ...process.env };

beforeAll(async () => {
  // What the child reads its configuration from (it inherits this process's environment).
  Object.assign(process.env, { KAFKA_BROKERS: stack.brokers, KAFKA_CLUSTER_NAME: CLUSTER, KAFKA_CLUSTERS_FILE: "", COLLECTOR_INTERVAL_MS: "1000" });
  database = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await sampler?.close();
  await close?.();
  await database?.drop();
  for (const key of ["KAFKA_BROKERS", "KAFKA_CLUSTER_NAME", "KAFKA_CLUSTERS_FILE", "COLLECTOR_INTERVAL_MS"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

describe("role all's sampling child", () => {
  it("delivers samples, is started again when killed, and a closed channel raises nothing in this process", async () => {
    const topic = uniqueName("child-sampler");
    const kafka = createKafka("child-sampler-test");
    const admin = kafka.admin();
    const producer = kafka.producer();
    await admin.connect();
    await producer.connect();
    try {
      await createTopic(admin, topic, PARTITIONS);
      await produceToEachPartition(producer, topic, PARTITIONS, PER_PARTITION);
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }

    const prisma = createPrismaClient({ databaseUrl: database!.url, pgliteDir: "" });
    close = prisma.close;
    const logged: string[] = [];
    sampler = new ChildProcessSampler(() => prisma.client, 60_000, (message) => logged.push(message));
    const samples: SampleResult[] = [];
    const handlers = { onSample: async (result: SampleResult) => void samples.push(result), onFailure: async () => undefined };
    const child = () => (sampler as unknown as { child: ChildProcess | null }).child;
    /** The next sample after now that lists the topic, with the pid of the child that took it. */
    const nextSample = async (what: string) => {
      const after = samples.length;
      const result = await pollUntil(what, async () => samples.slice(after).find((sample) => sample.snapshot.topics.some((entry) => entry.name === topic)), {
        timeoutMs: 60_000,
        describeLast: () => logged.slice(-5),
      });
      return { topic: result.snapshot.topics.find((entry) => entry.name === topic)!, cluster: result.snapshot.cluster, pid: child()?.pid };
    };

    await sampler.start(CLUSTER, null, handlers);
    const first = await nextSample("a sample from the child");
    expect([first.cluster, first.topic.partitionCount, first.topic.messageCount]).toEqual([CLUSTER, PARTITIONS, PARTITIONS * PER_PARTITION]);
    expect(first.pid).toBeGreaterThan(0);

    // Killed: a new child takes the cluster up again.
    child()!.kill("SIGKILL");
    const second = await nextSample("a sample from a new child");
    expect(second.pid).not.toBe(first.pid);
    expect(second.topic.messageCount).toBe(PARTITIONS * PER_PARTITION);
    expect(logged.some((line) => line.includes("the sampling process exited (SIGKILL); restarting it"))).toBe(true);

    // Its channel closes before it has exited (it exits on disconnect, a moment later): what this
    // process sends it meanwhile is dropped, not thrown, and the cluster is started on a new child.
    const closing = child()!;
    closing.disconnect();
    await sampler.stop(CLUSTER);
    await sampler.start(CLUSTER, null, handlers);
    const third = await nextSample("a sample after the channel closed");
    expect(third.pid).not.toBe(closing.pid);
    expect(third.topic.messageCount).toBe(PARTITIONS * PER_PARTITION);
    await sleep(500); // an 'error' event would have been emitted on the next tick; vitest fails the run on it
  }, 180_000);
});
