// Integration (real PostgreSQL, and PGlite): what writeSnapshotHistory stores is what the history
// queries read back, row for row, on both database backends the app runs on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db-client";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import { getGroupHistory, getTopicHistory, writeSnapshotHistory, type SqlWriter } from "@/lib/collector/history";
import { pgSql } from "@/lib/collector/service/lease";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RawSample } from "@/lib/kafka/raw-sample";
import { applyMigrations } from "@/scripts/lib/migrate";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { RecordMap } from "@/lib/collector/group-positions";

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0, 0);
const T1 = T0 + 10_123; // milliseconds survive the round trip

function raw(time: number, ends: [number, number], committed: [number, number]): RawSample {
  const partitions = (values: number[]) =>
    values.map((endOffset, partition) => ({ partition, leader: 1, replicas: [1], isr: [1], offlineReplicas: [], startOffset: 0, endOffset }));
  return {
    clusterId: "c1",
    controller: 1,
    brokers: [{ nodeId: 1, host: "127.0.0.1", port: 9092, rack: null }],
    topics: [
      { name: "orders", internal: false, partitions: partitions(ends) },
      { name: "__consumer_offsets", internal: true, partitions: partitions([7, 7]) },
    ],
    groups: [
      {
        groupId: "billing",
        state: "Empty",
        protocolType: "consumer",
        members: [],
        committed: new Map([["orders", new Map(committed.map((offset, partition) => [partition, offset]))]]),
      },
    ],
    recordTimestamps: new RecordMap(),
    timestampReads: { wanted: 0, cached: 0, requests: 0, fetchedPartitions: 0, unread: 0, durationMs: 0 },
    sampledAt: time,
    durationMs: 5,
  };
}

/** Two samples 10.123 s apart: orders gains 101 + 202 messages, billing commits 40 + 10 of them. */
function snapshots() {
  const options = { cluster: "history-test", windowSize: 3, maxOffsetPoints: 50, retentionMsByTopic: new Map() };
  const state = createDeriveState();
  const first = deriveSnapshot(state, raw(T0, [100, 200], [60, 190]), options);
  const second = deriveSnapshot(state, raw(T1, [201, 402], [100, 200]), options);
  return { first, second };
}

/** `writer`: what writes the history, when not `db` itself (the leader's node-postgres connection). */
type Backend = { db: PrismaClient; writer?: SqlWriter; close(): Promise<void> };

function describeBackend(name: string, open: () => Promise<Backend>) {
  describe(`history on ${name}`, () => {
    let db: PrismaClient;
    let writer: SqlWriter;
    let close: () => Promise<void>;

    beforeAll(async () => {
      let opened: SqlWriter | undefined;
      ({ db, writer: opened, close } = await open());
      writer = opened ?? db;
    });
    afterAll(async () => {
      await close?.();
    });

    it("stores each sample's topic and group aggregates once, exactly as the snapshot has them", async () => {
      const { first, second } = snapshots();
      await writeSnapshotHistory(writer, first);
      await writeSnapshotHistory(writer, second);
      await writeSnapshotHistory(writer, second); // a retried write adds nothing

      const now = new Date(T1 + 60_000);
      // The first sample has no rate yet (no previous sample), so only the second is a topic point;
      // internal topics are never stored.
      const topic = await getTopicHistory(db, { cluster: "history-test", topic: "orders", range: "15m", now });
      expect(topic).toEqual({ resolution: 0, points: [{ at: T1, messagesPerSec: 303 / 10.123 }] });
      expect(await db.topicMetric.count({ where: { cluster: "history-test" } })).toBe(1);
      const stored = await db.topicMetric.findFirstOrThrow({ where: { cluster: "history-test" } });
      expect(stored.endOffsetSum).toBe(603n);

      const group = await getGroupHistory(db, { cluster: "history-test", groupId: "billing", topic: "", range: "15m", now });
      // Time lag: both committed offsets were the end offsets at T0, so 10.123 s behind at T1; with
      // one end-offset point (T0) it is unknown, stored as NULL.
      expect(group.points).toEqual([
        { at: T0, lag: 50, timeLagSeconds: null, consumedPerSec: 0, status: "INCOMPLETE" },
        { at: T1, lag: 303, timeLagSeconds: 10.123, consumedPerSec: 50 / 10.123, status: "INCOMPLETE" },
      ]);
      expect([first.groups[0]!.status, second.groups[0]!.status]).toEqual(["INCOMPLETE", "INCOMPLETE"]);

      const perTopic = await getGroupHistory(db, { cluster: "history-test", groupId: "billing", topic: "orders", range: "15m", now });
      expect(perTopic.points.map((point) => point.lag)).toEqual([50, 303]);
      const maxLag = await db.groupMetric.findMany({ where: { cluster: "history-test", topic: "orders" }, orderBy: { at: "asc" }, select: { lagMax: true } });
      expect(maxLag.map((row) => row.lagMax)).toEqual([40n, 202n]);
      expect(await db.groupMetric.count({ where: { cluster: "history-test" } })).toBe(4);
    });

    it("stores group ids with quotes, backslashes, braces, unicode and control characters exactly", async () => {
      // The rows travel as PostgreSQL array literals (lib/sql-array.ts): every character an id may
      // hold must come back as it went in, and "NULL" is a name like any other.
      const ids = ['we"ird\\id', "a,b{c}d", "50%/off ünï 🚀", "tab\there\u0001", "NULL", ""];
      const options = { cluster: "history-hostile", windowSize: 3, maxOffsetPoints: 50, retentionMsByTopic: new Map() };
      const sample = raw(T0, [100, 200], [60, 190]);
      sample.groups = ids.map((groupId, index) => ({ ...sample.groups[0]!, groupId, committed: new Map([["orders", new Map([[0, index], [1, 200]])]]) }));
      await writeSnapshotHistory(writer, deriveSnapshot(createDeriveState(), sample, options));
      const now = new Date(T0 + 60_000);
      for (const [index, groupId] of ids.entries()) {
        const history = await getGroupHistory(db, { cluster: "history-hostile", groupId, topic: "orders", range: "15m", now });
        expect([groupId, history.points.map((point) => point.lag)]).toEqual([groupId, [100 - index]]);
      }
      expect(await db.groupMetric.count({ where: { cluster: "history-hostile" } })).toBe(ids.length * 2);
    });
  });
}

let database: TestDatabase | undefined;
describeBackend("PostgreSQL", async () => {
  database = await createTestDatabase();
  const { client, close } = createPrismaClient({ databaseUrl: database.url, pgliteDir: "" });
  return { db: client, close: async () => { await close(); await database?.drop(); } };
});

// The leader writes through node-postgres (lib/collector/service/lease.ts), its array literals sent as
// the bytes of text parameters; read back through Prisma as on a web replica.
describeBackend("PostgreSQL, written through node-postgres", async () => {
  const written = await createTestDatabase();
  const { client, close } = createPrismaClient({ databaseUrl: written.url, pgliteDir: "" });
  const connection = new pg.Client({ connectionString: written.url });
  await connection.connect();
  return { db: client, writer: pgSql(connection), close: async () => { await connection.end(); await close(); await written.drop(); } };
});

describeBackend("PGlite", async () => {
  const pgliteDir = mkdtempSync(path.join(tmpdir(), "tributary-history-"));
  await applyMigrations({ pgliteDir });
  const { client, close } = createPrismaClient({ pgliteDir });
  return { db: client, close: async () => { await close(); rmSync(pgliteDir, { recursive: true, force: true }); } };
});
