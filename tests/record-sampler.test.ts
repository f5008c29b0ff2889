// Integration (real broker, real app, real PostgreSQL): the collector's record sampler. Records
// written by Kafka's own console producer (not kafkajs), with and without the producer header,
// valid and invalid against a JSON Schema contract made through the catalog API, are counted
// exactly in /api/metrics; the sampler reads a real broker within its budget without a group; and
// the producer and conformance windows written to PostgreSQL come back the same after a restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Admin, Producer } from "kafkajs";
import { createPrismaClient } from "@/lib/db-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { sampleRecords } from "@/lib/kafka/record-sampler";
import { createSamplerState } from "@/lib/kafka/sample-plan";
import { compileContracts } from "@/lib/collector/conformance-check";
import { getConformanceHistory, readSamplerHistory, writeSamplerHistory } from "@/lib/collector/history";
import { SampleWindows, summarizeInterval, type IntervalRecord } from "@/lib/collector/sample-windows";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { CLUSTER, createKafka, createTopic, getJson, pollUntil, readSampleStartedAfter, readTopic, stack, uniqueName } from "./support/live-stack";
import { createScenarioCatalog, createScenarioTopic, planScenario, produceScenarioRecords, INVOICE_SCHEMA } from "./support/observed-producers";

let admin: Admin;
let producer: Producer;
const topics: string[] = [];

beforeAll(async () => {
  const kafka = createKafka("it-record-sampler");
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
});

afterAll(async () => {
  await admin?.deleteTopics({ topics }).catch(() => undefined);
  await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
});

/** The value of one Prometheus sample line, or undefined when the series is not there. */
function metricValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = `${name}{${Object.entries(labels).map(([key, value]) => `${key}="${value}"`).join(",")}} `;
  const line = text.split("\n").find((candidate) => candidate.startsWith(wanted));
  return line === undefined ? undefined : Number(line.slice(wanted.length));
}

async function readMetrics(): Promise<string> {
  const response = await fetch(`${stack.appUrl}/api/metrics`, { signal: AbortSignal.timeout(20_000) });
  expect(response.status).toBe(200);
  return response.text();
}

describe("the record sampler in the running app", () => {
  it("counts every record the console producer wrote, checked and violations, in /api/metrics", async () => {
    const scenario = planScenario(uniqueName("rs").slice(3));
    topics.push(scenario.topic);
    await createScenarioTopic(admin, scenario);
    const deleteCatalog = await createScenarioCatalog(scenario);
    try {
      // The collector re-reads contract revisions every sample: once a sample that began after the
      // contract was written is out, the contract is in force and every record is checked.
      const contractWrittenAt = Date.now();
      await readSampleStartedAfter(() => readTopic(scenario.topic), contractWrittenAt, 30_000);
      await produceScenarioRecords(scenario);

      const labels = { cluster: CLUSTER, topic: scenario.topic };
      let last: unknown;
      const text = await pollUntil(
        `all ${scenario.records.length} records of ${scenario.topic} checked`,
        async () => {
          const metrics = await readMetrics();
          last = metricValue(metrics, "tributary_conformance_checked_total", labels);
          return last === scenario.records.length ? metrics : undefined;
        },
        { timeoutMs: 60_000, everyMs: 500, describeLast: () => last },
      );
      expect(text).toContain("# TYPE tributary_conformance_checked_total counter");
      expect(metricValue(text, "tributary_conformance_checked_total", labels)).toBe(16);
      expect(metricValue(text, "tributary_conformance_violations_total", labels)).toBe(4);

      // A few samples later nothing is counted twice: each record is sampled once.
      const settled = await readSampleStartedAfter(() => readTopic(scenario.topic), Date.now(), 30_000);
      await readSampleStartedAfter(() => readTopic(scenario.topic), settled.body.freshness.sampledAt, 30_000);
      const later = await readMetrics();
      expect(metricValue(later, "tributary_conformance_checked_total", labels)).toBe(16);
      expect(metricValue(later, "tributary_conformance_violations_total", labels)).toBe(4);

      // When the topic API carries the sampler's fields (issue 13's topic detail), they agree.
      const detail = await readTopic(scenario.topic);
      const conformance = detail?.body.conformance;
      if (conformance) {
        expect(conformance).toMatchObject({ contractVersion: 1, checked: 16, violations: 4 });
        expect(conformance.latestViolations.map((violation: { offset: number; pointer: string }) => [violation.offset, violation.pointer])).toEqual([
          [13, "/issuedAt"],
          [10, ""],
          [9, "/items/0/quantity"],
          [4, "/amount"],
        ]);
      }
    } finally {
      await deleteCatalog();
    }
  });
});

describe("sampleRecords on the real broker", () => {
  afterAll(() => resetKafkaClients(`it-sampler-${process.pid}`));

  it("reads the newest records within the budget with one Fetch per leader, headers attributed, and nothing twice", async () => {
    const topic = uniqueName("it-sampler");
    topics.push(topic);
    await createTopic(admin, topic, 3);
    const { cluster } = await connectKafkaClients({ name: `it-sampler-${process.pid}`, brokers: stack.brokers.split(","), ssl: false });
    await cluster.metadata(); // as takeRawSample does before the collector samples records
    const state = createSamplerState();
    const readTopicShape = async () => {
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      const offsets = await admin.fetchTopicOffsets(topic);
      return [
        {
          name: topic,
          internal: false,
          partitions: metadata!.partitions.map((partition) => {
            const range = offsets.find((entry) => entry.partition === partition.partitionId)!;
            return { partition: partition.partitionId, leader: partition.leader, startOffset: Number(range.low), endOffset: Number(range.high) };
          }),
        },
      ];
    };
    const options = { recordsPerTopic: 5, bytesPerTopic: 64 * 1024, header: "x-producer", budgetMs: 5_000 };
    // First interval: only notes where each partition ends.
    await producer.send({ topic, acks: -1, messages: [{ partition: 0, value: "before" }] });
    expect((await sampleRecords(cluster, state, await readTopicShape(), options)).records).toEqual([]);

    await producer.send({
      topic,
      acks: -1,
      messages: [
        ...Array.from({ length: 8 }, (_, index) => ({ partition: 0, value: `p0-${index}`, headers: { "x-producer": "checkout" } })),
        { partition: 2, value: "p2-0" },
      ],
    });
    const shape = await readTopicShape();
    const first = await sampleRecords(cluster, state, shape, options);
    expect(first.stats, JSON.stringify({ shape, stats: first.stats, next: [...state.nextOffsets] })).toMatchObject({ failedPartitions: 0, records: 5 });
    // The budget is 5 records: the newest 5 of partition 0 (from the cursor), partition 2 waits its turn.
    expect(first.records.map((record) => [record.partition, record.offset, record.value?.toString(), record.producer])).toEqual(
      [4, 5, 6, 7, 8].map((offset) => [0, offset, `p0-${offset - 1}`, "checkout"]),
    );
    expect(first.stats).toMatchObject({ requests: 1, partitions: 1, failedPartitions: 0, records: 5, error: null });

    const second = await sampleRecords(cluster, state, await readTopicShape(), options);
    expect(second.records.map((record) => [record.partition, record.offset, record.value?.toString(), record.producer])).toEqual([[2, 0, "p2-0", null]]);
    expect((await sampleRecords(cluster, state, await readTopicShape(), options)).records).toEqual([]);

    // No group was joined and nothing committed: Kafka lists no group for this client.
    const { groups } = await admin.listGroups();
    expect(groups.filter((group) => group.groupId.includes(topic))).toEqual([]);
  });
});

describe("the sampler history in PostgreSQL", () => {
  let database: TestDatabase;
  let db: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient({ databaseUrl: database.url, pgliteDir: "" }).client;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("restores the same producer window, conformance window and latest violations after a restart", async () => {
    const contracts = compileContracts([{ topic: "orders", version: 2, valueSchema: INVOICE_SCHEMA }], new Map());
    const active = new Map([...contracts].map(([topic, contract]) => [topic, contract]));
    const now = Date.UTC(2026, 11, 3, 7, 0, 0);
    let offset = 0;
    const record = (topic: string, producer: string | null, value: unknown): IntervalRecord => ({
      topic, partition: offset % 2, offset: offset++, timestamp: now - 500_000 + offset, producer,
      value: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
    });
    const good = { invoiceId: "i", amount: 1, items: [{ sku: "a", quantity: 1 }], issuedAt: "2026-12-03T06:00:00Z" };
    const before = new SampleWindows(15 * 60_000);
    const intervals = [20, 10, 5, 1].map((minutesAgo, index) =>
      summarizeInterval(
        now - minutesAgo * 60_000,
        [
          record("orders", "checkout", good),
          record("orders", null, { ...good, amount: -index }),
          record("orders", "legacy", "not json"),
          record("clicks", "web", { any: index }),
          ...Array.from({ length: 8 }, () => record("orders", "checkout", { ...good, items: [], issuedAt: "no" })),
        ],
        active,
      ),
    );
    for (const interval of intervals) {
      before.add(interval);
      await writeSamplerHistory(db, "local", interval);
      await writeSamplerHistory(db, "other", interval); // another cluster's rows stay out
    }
    before.prune(now);

    const after = new SampleWindows(15 * 60_000);
    after.restore(await readSamplerHistory(db, { cluster: "local", windowMs: 15 * 60_000, now: new Date(now) }));
    after.prune(now);
    const versions = new Map([["orders", 2]]);
    expect(after.producers()).toEqual(before.producers());
    expect(after.conformance(versions)).toEqual(before.conformance(versions));
    // The exact window: the interval 20 minutes ago is out; 3 intervals of 12 records on orders.
    expect(after.producers().find((entry) => entry.topic === "orders")).toEqual({
      topic: "orders",
      sampledRecords: 33,
      byValue: [
        { value: "checkout", records: 27, lastSeenAt: now - 60_000 },
        { value: "legacy", records: 3, lastSeenAt: now - 60_000 },
        { value: null, records: 3, lastSeenAt: now - 60_000 },
      ],
    });
    const conformance = after.conformance(versions)[0]!;
    expect([conformance.checked, conformance.violations]).toEqual([33, 30]);
    // In the window (10, 5 and 1 minutes ago) every unattributed record breaks the minimum (amount -1, -2, -3).
    expect(conformance.byProducer).toEqual([
      { value: "checkout", checked: 27, violations: 24 },
      { value: "legacy", checked: 3, violations: 3 },
      { value: null, checked: 3, violations: 3 },
    ]);
    expect(conformance.latestViolations).toHaveLength(20);
    expect(conformance.latestViolations[0]).toMatchObject({ producer: "checkout", pointer: "/issuedAt", message: 'must match format "date-time"' });
    // Totals since start are the process's own: a restored window does not count towards them.
    expect(after.conformanceTotals()).toEqual([]);

    const history = await getConformanceHistory(db, { cluster: "local", topic: "orders", range: "15m", now: new Date(now) });
    expect(history).toEqual({
      resolution: 0,
      points: [
        { at: now - 10 * 60_000, checked: 11, violations: 10 },
        { at: now - 5 * 60_000, checked: 11, violations: 10 },
        { at: now - 60_000, checked: 11, violations: 10 },
      ],
    });
    const hourly = await getConformanceHistory(db, { cluster: "local", topic: "orders", range: "6h", now: new Date(now) });
    expect(hourly.resolution).toBe(60);
    expect(hourly.points.reduce((total, point) => total + point.checked, 0)).toBe(44);
  });
});
