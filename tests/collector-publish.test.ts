// Integration (real PostgreSQL through node-postgres and through Prisma, and PGlite): what a leader
// publishes for a sample lands whole, at the exact time, in this process's time zone or any other;
// a fenced-out leader writes nothing; replicas are notified at commit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import { RecordMap } from "@/lib/collector/group-positions";
import { createFence, tryAcquireLease } from "@/lib/collector/service/lease";
import { NOTIFY_CHANNEL, publishSample } from "@/lib/collector/service/publish";
import { decodeSnapshot, encodeSnapshot } from "@/lib/collector/service/sample-result";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawSample } from "@/lib/kafka/raw-sample";
import { applyMigrations } from "@/scripts/lib/migrate";
import { createTestDatabase, createTestPool } from "./support/test-database";

// Not UTC: a time written in the process's zone instead of UTC would come back hours off.
process.env.TZ = "America/St_Johns";

const SAMPLED_AT = Date.UTC(2026, 11, 3, 21, 7, 30, 123);
const GROUP = "50%/off ünï 🚀";

function sample(): RawSample {
  return {
    clusterId: "c1",
    controller: 1,
    brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }],
    topics: [{ name: "pay/ments%", internal: false, partitions: [0, 1].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset: 100 + partition })) }],
    groups: [{ groupId: GROUP, state: "Empty", protocolType: "consumer", members: [], committed: new Map([["pay/ments%", new Map([[0, 60], [1, 7]])]]) }],
    recordTimestamps: new RecordMap(),
    timestampReads: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 },
    sampledAt: SAMPLED_AT,
    durationMs: 5,
  };
}

type Backend = { db: PrismaClient; pool: pg.Pool | null; url: string | null; close(): Promise<void> };

/** `server`: a PostgreSQL server, whose connections can be ended under the client (PGlite runs in this process). */
function describeBackend(name: string, server: boolean, open: () => Promise<Backend>) {
  describe(`publishing a sample: ${name}`, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await open();
    }, 60_000);
    afterAll(async () => backend?.close());

    it("writes history, snapshot and state at the sample's time, notifies at commit, and a deposed leader writes nothing", async () => {
      const { db, pool, url } = backend;
      const cluster = `publish-${name.replace(/\W+/g, "-")}`;
      const snapshot = deriveSnapshot(createDeriveState(), sample(), { cluster, windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
      const state = Uint8Array.from([0, 1, 2, 255, 0x5c, 0x78]);
      const epoch = (await tryAcquireLease(db, cluster, "leader-a", 60_000))!;
      let fenced = 0;
      const fence = createFence(db, { cluster, epoch, holder: "leader-a" }, () => (fenced += 1), pool);

      const listener = url ? new pg.Client({ connectionString: url }) : null;
      const notified: string[] = [];
      if (listener) {
        await listener.connect();
        listener.on("notification", (message) => notified.push(message.payload ?? ""));
        await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
      }
      try {
        const result = { snapshot, encoded: encodeSnapshot(snapshot), state, interval: null, topicConfigs: [["pay/ments%", [{ name: "retention.ms", value: "60000" }]]] as never };
        expect(await publishSample(fence, "leader-a", result)).toBe(true);

        const row = (await db.collectorSnapshot.findUnique({ where: { cluster } }))!;
        expect([Number(row.epoch), row.holder, row.sampledAt?.getTime(), row.attemptAt.getTime()]).toEqual([epoch, "leader-a", SAMPLED_AT, SAMPLED_AT]);
        expect([...row.state!]).toEqual([...state]);
        expect(JSON.parse(JSON.stringify(await decodeSnapshot(row.snapshot!)))).toEqual(JSON.parse(JSON.stringify(snapshot)));
        const metrics = await db.groupMetric.findMany({ where: { cluster }, orderBy: { topic: "asc" } });
        expect(metrics.map((metric) => [metric.groupId, metric.topic, metric.at.getTime(), Number(metric.lagSum)])).toEqual([
          [GROUP, "", SAMPLED_AT, 40 + 94],
          [GROUP, "pay/ments%", SAMPLED_AT, 40 + 94],
        ]);
        expect((await db.topicMetric.findMany({ where: { cluster } })).map((metric) => metric.at.getTime())).toEqual([]); // no rate before a second sample
        expect((await db.collectorTopicConfig.findMany({ where: { cluster } })).map((config) => config.topic)).toEqual(["pay/ments%"]);
        if (listener) {
          await expect.poll(() => notified.length).toBe(1);
          expect(JSON.parse(notified[0]!)).toEqual({ cluster, epoch, kind: "sample", sampledAt: SAMPLED_AT });
        }

        // Another collector takes the expired lease: the old leader's next sample is refused whole.
        await db.$executeRawUnsafe(`UPDATE "CollectorLease" SET "expiresAt" = now() - interval '1 second' WHERE "cluster" = $1`, cluster);
        expect(await tryAcquireLease(db, cluster, "leader-b", 60_000)).toBe(epoch + 1);
        const later = deriveSnapshot(createDeriveState(), { ...sample(), sampledAt: SAMPLED_AT + 10_000 }, { cluster, windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
        expect(await publishSample(fence, "leader-a", { ...result, snapshot: later, encoded: encodeSnapshot(later) })).toBe(false);
        expect(fenced).toBe(1);
        expect((await db.collectorSnapshot.findUnique({ where: { cluster } }))!.sampledAt?.getTime()).toBe(SAMPLED_AT);
        expect(await db.groupMetric.count({ where: { cluster } })).toBe(2);
        if (listener) expect(notified).toHaveLength(1);
      } finally {
        await listener?.end();
      }
    });

    it("writes a topic's configs again only when they changed, and all of them in a new leader's term", async () => {
      const { db, pool } = backend;
      const cluster = `configs-${name.replace(/\W+/g, "-")}`;
      const snapshot = deriveSnapshot(createDeriveState(), sample(), { cluster, windowSize: 3, maxOffsetPoints: 10, retentionMsByTopic: new Map() });
      const publish = (fence: ReturnType<typeof createFence>, holder: string, configs: [string, { name: string; value: string }[]][]) =>
        publishSample(fence, holder, { snapshot, encoded: encodeSnapshot(snapshot), state: null, interval: null, topicConfigs: configs as never });
      // xmin: the transaction that last wrote the row, so a row written again has a new one.
      const rows = async () =>
        Object.fromEntries(
          (await db.$queryRawUnsafe<{ topic: string; configs: unknown; xmin: string }[]>(`SELECT "topic", "configs", xmin::text AS "xmin" FROM "CollectorTopicConfig" WHERE "cluster" = $1`, cluster))
            .map((row) => [row.topic, { configs: row.configs, xmin: row.xmin }]),
        );
      const retention = (value: string) => [{ name: "retention.ms", value }, { name: "cleanup.policy", value: "delete" }];

      const epoch = (await tryAcquireLease(db, cluster, "leader-a", 60_000))!;
      const leaderA = createFence(db, { cluster, epoch, holder: "leader-a" }, () => {}, pool);
      expect(await publish(leaderA, "leader-a", [["pay/ments%", retention("1")], [GROUP, retention("2")], ["gone", retention("3")]])).toBe(true);
      const first = await rows();
      expect(Object.keys(first).sort()).toEqual([GROUP, "gone", "pay/ments%"].sort());

      expect(await publish(leaderA, "leader-a", [["pay/ments%", retention("1")], [GROUP, retention("20")], ["new\u0001topic", retention("4")]])).toBe(true);
      const second = await rows();
      expect(Object.keys(second).sort()).toEqual([GROUP, "new\u0001topic", "pay/ments%"].sort());
      expect(second["pay/ments%"]).toEqual(first["pay/ments%"]); // the same configs: not written again
      expect(second[GROUP]!.configs).toEqual(retention("20"));
      expect(second[GROUP]!.xmin).not.toBe(first[GROUP]!.xmin);
      expect(second["new\u0001topic"]!.configs).toEqual(retention("4"));

      // Another leader's term: it knows nothing of what leader-a wrote, so it writes every topic.
      await db.$executeRawUnsafe(`UPDATE "CollectorLease" SET "expiresAt" = now() - interval '1 second' WHERE "cluster" = $1`, cluster);
      const leaderB = createFence(db, { cluster, epoch: (await tryAcquireLease(db, cluster, "leader-b", 60_000))!, holder: "leader-b" }, () => {}, pool);
      const unchanged: [string, { name: string; value: string }[]][] = [["pay/ments%", retention("1")], [GROUP, retention("20")], ["new\u0001topic", retention("4")]];
      expect(await publish(leaderB, "leader-b", unchanged)).toBe(true);
      const third = await rows();
      for (const topic of Object.keys(second)) expect(third[topic]!.xmin).not.toBe(second[topic]!.xmin);

      // The deposed leader's write is refused whole, and the configs it read are not taken as written.
      expect(await publish(leaderA, "leader-a", [["pay/ments%", retention("99")]])).toBe(false);
      expect(await rows()).toEqual(third);
      expect(await publish(leaderB, "leader-b", unchanged)).toBe(true);
      expect(await rows()).toEqual(third);
    });

    if (server) it("gives a write's connection up when the server ends it mid-transaction, and the process carries on", async () => {
      const { db, pool } = backend;
      const cluster = `ended-${name.replace(/\W+/g, "-")}`;
      const epoch = (await tryAcquireLease(db, cluster, "leader-a", 60_000))!;
      const fence = createFence(db, { cluster, epoch, holder: "leader-a" }, () => {}, pool);
      const admin = new pg.Client({ connectionString: backend.url! });
      await admin.connect();
      try {
        // Between two statements of the transaction, with none in flight: a database dropped or a
        // server restarted ends the connection so. node-postgres reports it as an 'error' event of
        // the connection, which with no listener was an uncaught exception that ended the collector.
        const write = fence.runSql(async (sql) => {
          const [{ pid }] = (await sql.$queryRawUnsafe<{ pid: number }>("SELECT pg_backend_pid() AS pid")) as [{ pid: number }];
          expect((await admin.query("SELECT pg_terminate_backend($1) AS ended", [pid])).rows).toEqual([{ ended: true }]);
          await new Promise((resolve) => setTimeout(resolve, 500));
          return await sql.$queryRawUnsafe("SELECT 1");
        });
        await expect(write).rejects.toThrow(/terminat|Connection|closed/i);
        // The next write gets a connection that works.
        expect(await fence.runSql((sql) => sql.$queryRawUnsafe<{ one: number }>("SELECT 1 AS one"))).toEqual([{ one: 1 }]);
      } finally {
        await admin.end();
      }
    });
  });
}

describeBackend("PostgreSQL through node-postgres", true, async () => {
  const database = await createTestDatabase();
  const { client, close } = createPrismaClient({ databaseUrl: database.url, pgliteDir: "" });
  const { pool, end } = createTestPool(database.url);
  return { db: client, pool, url: database.url, close: async () => { await end(); await close(); await database.drop(); } };
});

describeBackend("PostgreSQL through Prisma", true, async () => {
  const database = await createTestDatabase();
  const { client, close } = createPrismaClient({ databaseUrl: database.url, pgliteDir: "" });
  return { db: client, pool: null, url: database.url, close: async () => { await close(); await database.drop(); } };
});

describeBackend("PGlite", false, async () => {
  const pgliteDir = mkdtempSync(path.join(tmpdir(), "tributary-publish-"));
  await applyMigrations({ pgliteDir });
  const { client, close } = createPrismaClient({ pgliteDir });
  return { db: client, pool: null, url: null, close: async () => { await close(); rmSync(pgliteDir, { recursive: true, force: true }); } };
});
