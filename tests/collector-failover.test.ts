// Integration (real processes): two collectors and two web replicas on one PostgreSQL database,
// sampling the stack's real broker as cluster "failover". Kill -9 of the leader, a paused (SIGSTOP)
// leader that resumes, and no collector at all; offsets committed with Kafka's own tool.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { runKafkaTool } from "@/scripts/lib/local-kafka";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { createKafka, createTopic, sleep, stack, uniqueName } from "./support/live-stack";
import { pidOfHolder, startCollectorProcess, startWebReplica, type CollectorProcess } from "./support/service-processes";
import type { RunningApp } from "@/scripts/lib/app-process";

const CLUSTER = "failover";
const INTERVAL_MS = 2_000;
const PARTITIONS = 3;
const K = 10; // records per partition
const C = 4; // committed offset per partition
const slot = Number(process.env.TEST_STACK_SLOT ?? 0);
const T0 = Date.now() - 300_000; // the timestamp of offset 0; offset n is T0 + n s

let database: TestDatabase;
let sql: pg.Client;
let admin: Admin;
let producer: Producer;
let topic: string;
let groupId: string;
const collectors: CollectorProcess[] = [];
const replicas: RunningApp[] = [];
let env: Record<string, string>;

async function lease() {
  const { rows } = await sql.query<{ epoch: string; holder: string; expiresAt: Date }>(`SELECT "epoch", "holder", "expiresAt" FROM "CollectorLease" WHERE "cluster" = $1`, [CLUSTER]);
  return rows[0] ? { epoch: Number(rows[0].epoch), holder: rows[0].holder, expiresAt: rows[0].expiresAt } : null;
}

async function published() {
  const { rows } = await sql.query<{ epoch: string; holder: string; sampledAt: Date | null }>(`SELECT "epoch", "holder", "sampledAt" FROM "CollectorSnapshot" WHERE "cluster" = $1`, [CLUSTER]);
  return rows[0] ? { epoch: Number(rows[0].epoch), holder: rows[0].holder, sampledAt: rows[0].sampledAt?.getTime() ?? null } : null;
}

/** The group's raw history rows (whole group, resolution 0), oldest first. */
async function historyTimes(): Promise<number[]> {
  const { rows } = await sql.query<{ at: Date }>(
    `SELECT "at" FROM "GroupMetric" WHERE "cluster" = $1 AND "groupId" = $2 AND "topic" = '' AND "resolution" = 0 ORDER BY "at"`,
    [CLUSTER, groupId],
  );
  return rows.map((row) => row.at.getTime());
}

async function readGroup(replica: RunningApp) {
  const response = await fetch(`${replica.url}/api/clusters/${CLUSTER}/groups/${encodeURIComponent(groupId)}`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as any };
}

async function until<T>(what: string, read: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

function collectorOf(holder: string): CollectorProcess {
  const found = collectors.find((collector) => collector.pid === pidOfHolder(holder));
  if (!found) throw new Error(`no collector started by this test holds the lease (${holder})`);
  return found;
}

beforeAll(async () => {
  database = await createTestDatabase();
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const kafka = createKafka("it-collector-failover");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  topic = uniqueName("it.failover");
  groupId = uniqueName("it-failover-group");
  await createTopic(admin, topic, PARTITIONS);
  for (let partition = 0; partition < PARTITIONS; partition++) {
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: K }, (_, offset) => ({ partition, value: `p${partition}-${offset}`, timestamp: String(T0 + offset * 1000) })),
    });
  }
  const tool = await runKafkaTool("kafka-consumer-groups", [
    "--bootstrap-server", stack.brokers, "--group", groupId, "--topic", topic, "--reset-offsets", "--to-offset", String(C), "--execute",
  ]);
  expect(tool.code, tool.stderr).toBe(0);

  env = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: stack.brokers,
    KAFKA_CLUSTER_NAME: CLUSTER,
    COLLECTOR_INTERVAL_MS: String(INTERVAL_MS),
    // Half an interval (the default is 60% of it, at least 2 s): kill -9 is noticed within 1 s.
    COLLECTOR_LEASE_MS: "1000",
    COLLECTOR_WINDOW_SAMPLES: "5",
    TRIBUTARY_STRICT_RESPONSES: "1",
    AUTH_MODE: "none",
    AUTH_ALLOW_NONE: "1",
  };
  collectors.push(startCollectorProcess(env));
  await until("the first collector to lead", async () => (await published())?.sampledAt, 60_000);
  collectors.push(startCollectorProcess(env));
  const base = 41_100 + 100 * slot;
  replicas.push(...(await Promise.all([startWebReplica(base + 1, env, "replica-1"), startWebReplica(base + 2, env, "replica-2")])));
}, 240_000);

afterAll(async () => {
  await Promise.allSettled(replicas.map((replica) => replica.stop()));
  await Promise.allSettled(collectors.map((collector) => collector.kill9()));
  await admin?.deleteGroups([groupId]).catch(() => undefined);
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect(), sql?.end()]);
  await database?.drop();
}, 60_000);

const expectedLag = PARTITIONS * (K - C);
/** Time lag of the group at a sample: the record every partition reads next is offset C. */
const expectedTimeLag = (sampledAt: number) => (sampledAt - (T0 + C * 1000)) / 1000;

describe("collector failover", () => {
  it("one collector leads; both replicas serve its snapshot with identical answers", async () => {
    const answers = await until(
      "both replicas to serve the same sample with the group",
      async () => {
        const answers = await Promise.all(replicas.map(readGroup));
        if (answers.some((answer) => answer.status !== 200 || answer.body.group.lag !== expectedLag)) return null;
        return answers[0]!.body.freshness.sampledAt === answers[1]!.body.freshness.sampledAt ? answers : null;
      },
      60_000,
    );
    const [first, second] = [answers[0]!, answers[1]!];
    const strip = (body: any) => ({ ...body, freshness: { ...body.freshness, ageSeconds: 0 } });
    expect(strip(second.body)).toEqual(strip(first.body));
    expect(first.body.group.timeLagSeconds).toBeCloseTo(expectedTimeLag(first.body.freshness.sampledAt), 3);
    // A topic's partitions, which a replica builds from the published columns only when asked, and its list row's count.
    for (const replica of replicas) {
      const detail = (await (await fetch(`${replica.url}/api/clusters/${CLUSTER}/topics/${encodeURIComponent(topic)}`)).json()) as any;
      expect(detail.topic.partitions.map((partition: any) => [partition.partition, partition.startOffset, partition.endOffset])).toEqual(
        Array.from({ length: PARTITIONS }, (_, partition) => [partition, 0, K]),
      );
      const list = (await (await fetch(`${replica.url}/api/clusters/${CLUSTER}/topics?search=${encodeURIComponent(topic)}`)).json()) as any;
      expect(list.rows.map((row: any) => [row.name, row.partitions, row.messageCount])).toEqual([[topic, PARTITIONS, PARTITIONS * K]]);
    }
    const holder = (await lease())!.holder;
    expect(collectors.map((collector) => collector.pid)).toContain(pidOfHolder(holder));
  }, 90_000);

  it("kill -9 of the leader: the standby takes over within two intervals, continuing the windows, with no gap or duplicate", async () => {
    // A full status window first (5 samples), so that a window restored after failover shows.
    const statusBefore: string = await until(
      "a full status window",
      async () => {
        const status = (await readGroup(replicas[0]!)).body.group.status;
        return status !== "INCOMPLETE" ? status : null;
      },
      10 * INTERVAL_MS,
    );
    const before = (await lease())!;
    const served: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        for (const replica of replicas) {
          const answer = await readGroup(replica);
          served.push(answer.status === 200 ? answer.body.group.lag : -answer.status);
        }
        await sleep(200);
      }
    })();

    const killedAt = Date.now();
    await collectorOf(before.holder).kill9();
    const takeover = await until("a new epoch", async () => {
      const now = await lease();
      return now && now.epoch > before.epoch ? { ...now, seenAt: Date.now() } : null;
    }, 4 * INTERVAL_MS, 20);
    expect(takeover.seenAt - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);
    expect(takeover.holder).not.toBe(before.holder);
    const firstNew = await until("the new leader's first sample", async () => {
      const row = await published();
      return row && row.epoch === takeover.epoch && row.sampledAt ? row : null;
    }, 4 * INTERVAL_MS, 20);
    expect(firstNew.sampledAt! - killedAt).toBeLessThanOrEqual(2 * INTERVAL_MS);

    // The new leader's first snapshot continues the old one's status window and time lag.
    const answer = await until("the replicas to serve the new leader's first sample", async () => {
      const read = await readGroup(replicas[1]!);
      return read.body.freshness?.sampledAt === firstNew.sampledAt ? read : null;
    }, 3 * INTERVAL_MS, 50);
    expect(answer.body.group.status).toBe(statusBefore);
    expect(answer.body.group.timeLagSeconds).toBeCloseTo(expectedTimeLag(firstNew.sampledAt!), 3);
    expect(answer.body.group.timeLagEstimated).toBe(false);

    await sleep(3 * INTERVAL_MS);
    polling = false;
    await poller;
    expect(served.length).toBeGreaterThan(10);
    expect(new Set(served)).toEqual(new Set([expectedLag]));

    const times = await historyTimes();
    const around = times.filter((at) => at > killedAt - 4 * INTERVAL_MS);
    const gaps = around.slice(1).map((at, index) => at - around[index]!);
    expect(gaps.length).toBeGreaterThan(3);
    // No two leaders writing (rows half an interval apart or closer) and no hole over two intervals.
    expect(Math.min(...gaps)).toBeGreaterThan(INTERVAL_MS / 2);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * INTERVAL_MS);
  }, 90_000);

  it("a leader paused with SIGSTOP that resumes never writes over its successor", async () => {
    const standby = startCollectorProcess(env);
    collectors.push(standby);
    await until("the new standby to join the election", async () => standby.output().includes("started for"), 60_000);
    await sleep(INTERVAL_MS);
    const before = (await lease())!;
    const paused = collectorOf(before.holder);
    paused.pause();
    const successor = await until("a successor", async () => {
      const now = await lease();
      return now && now.epoch > before.epoch ? now : null;
    }, 6 * INTERVAL_MS, 50);
    await until("the successor's first sample", async () => (await published())?.epoch === successor.epoch, 4 * INTERVAL_MS, 50);
    const resumedAt = Date.now();
    paused.resume();
    await sleep(4 * INTERVAL_MS);

    expect(await lease()).toMatchObject({ epoch: successor.epoch, holder: successor.holder });
    expect(await published()).toMatchObject({ epoch: successor.epoch, holder: successor.holder });
    const times = (await historyTimes()).filter((at) => at > resumedAt - 2 * INTERVAL_MS);
    const gaps = times.slice(1).map((at, index) => at - times[index]!);
    expect(Math.min(...gaps)).toBeGreaterThan(INTERVAL_MS / 2);
    expect(paused.output()).toMatch(/standing by \(epoch \d+ ended: (a newer leader holds the lease|the lease was taken over)\)/);
  }, 90_000);

  it("with no collector running, the replicas say so and since when", async () => {
    await Promise.all(collectors.map((collector) => collector.kill9()));
    const last = (await lease())!;
    // A lease expired for less than an interval is a late renewal; after that (and a replica's next
    // check, every interval here) the collector is down.
    await sleep(Math.max(0, last.expiresAt.getTime() - Date.now()) + 3 * INTERVAL_MS);
    const since = new Date((await lease())!.expiresAt).toISOString();
    for (const replica of replicas) {
      const answer = await readGroup(replica);
      expect(answer.status).toBe(200);
      expect(answer.body.group.lag).toBe(expectedLag);
      expect(answer.body.freshness.stale).toBe(true);
      expect(answer.body.freshness.lastError).toContain(`no collector has sampled cluster "${CLUSTER}" since ${since}`);
      // The catalog overview is rendered on the server: its live-data banner says the same.
      const page = await (await fetch(`${replica.url}/catalog`)).text();
      expect(page).toContain("The collector is down");
      expect(page).toContain(`since ${since}`);
    }
  }, 60_000);
});
