// Integration (real PostgreSQL), issue 14: alert state and the notification outbox across
// evaluations, restarts and competing delivery processes. A throwaway database per connection
// kind: the collector's fence writes through node-postgres (its own pool), role all's on the
// embedded database through Prisma's transaction; both run every test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "@/lib/db-client";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { getAlertDetail, listAlerts } from "@/lib/alerts/queries";
import { createFence, tryAcquireLease, type Fence, type FencedSql } from "@/lib/collector/service/lease";
import { claimDueNotifications } from "@/lib/alerts/delivery/claim";
import { groupOf, snapshotOf } from "@/lib/alerts/test-fixtures";
import { openCatalogTestDatabase, type CatalogTestDatabase } from "./support/catalog-database";
import { createTestPool } from "./support/test-database";

const behind = (timeLagSeconds: number) => snapshotOf({ groups: [groupOf("fraud-detection", "orders.created", { lag: 10, timeLagSeconds })] });
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, seconds));

/** A fence that holds (or, `leading` false, has lost) the lease of `cluster`; its epoch is what every write it makes stamps. */
type FenceOf = (cluster: string, leading?: boolean) => Fence;

describeConnection("through Prisma's transaction", async (db) => {
  const EPOCH = 7;
  return (cluster, leading = true) => ({
    cluster,
    epoch: EPOCH,
    run: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => (leading ? db.$transaction(fn) : Promise.resolve(null)),
    runSql: <T>(fn: (sql: FencedSql) => Promise<T>) => (leading ? db.$transaction((tx) => fn(tx)) : Promise.resolve(null)),
  });
});

describeConnection("through node-postgres (the collector's fence)", async (db, url, onClose) => {
  const { pool, end } = createTestPool(url);
  onClose(end);
  const fences = new Map<string, Fence>();
  for (const cluster of ["local", "big"]) {
    const epoch = (await tryAcquireLease(db, cluster, "leader-a", 600_000))!;
    fences.set(cluster, createFence(db, { cluster, epoch, holder: "leader-a" }, () => undefined, pool));
  }
  // A deposed leader: its epoch is behind the lease's (a real refusal, from the lease check).
  return (cluster, leading = true) => {
    const fence = fences.get(cluster)!;
    return leading ? fence : createFence(db, { cluster, epoch: fence.epoch - 1, holder: "leader-a" }, () => undefined, pool);
  };
});

function describeConnection(name: string, makeFences: (db: CatalogTestDatabase["db"], url: string, onClose: (close: () => Promise<void>) => void) => Promise<FenceOf>) {
  describe(`alert state in PostgreSQL, ${name}`, () => {
    let database: CatalogTestDatabase;
    let fenceOf: FenceOf;
    const closers: (() => Promise<void>)[] = [];

    beforeAll(async () => {
      database = await openCatalogTestDatabase();
      const db = database.db;
      const team = await db.team.create({ data: { slug: "trust", name: "Trust" } });
      const service = await db.service.create({ data: { slug: "fraud-detection", name: "Fraud", teamId: team.id, consumerGroups: ["fraud-detection"] } });
      await db.topicContract.create({ data: { cluster: "local", topic: "orders.created", ownerServiceId: service.id, lagObjectiveSec: 60 } });
      await db.alertRule.create({ data: { team: "trust", name: "time-lag-objective", kind: "override", forSec: 10, severity: "critical", threshold: null } });
      await db.alertChannel.create({ data: { team: "trust", name: "one", kind: "webhook", url: "http://127.0.0.1:9/one", secret: "0123456789abcdef" } });
      await db.alertChannel.create({ data: { team: "trust", name: "two", kind: "slack", url: "http://127.0.0.1:9/two" } });
      fenceOf = await makeFences(db, database.url, (close) => closers.push(close));
    }, 60_000);

    afterAll(async () => {
      for (const close of closers) await close();
      await database?.close();
    });

    it("pending → firing after for → resolved, one outbox row per transition and channel, however often it is evaluated", async () => {
      const db = database.db;
      const evaluate = (timeLag: number, second: number) => evaluateAlerts({ db, fence: fenceOf("local"), snapshot: behind(timeLag), now: at(second) });
      expect(await evaluate(90, 0)).toEqual({ opened: 1, fired: 0, resolved: 0, dropped: 0 });
      expect(await evaluate(91, 9)).toEqual({ opened: 0, fired: 0, resolved: 0, dropped: 0 });
      expect(await db.alertNotification.count()).toBe(0);
      expect(await evaluate(95, 10)).toEqual({ opened: 0, fired: 1, resolved: 0, dropped: 0 });
      // A restarted (or new) leader evaluating the same state again adds nothing.
      await evaluate(96, 11);
      await evaluate(97, 12);
      const alerts = await db.alert.findMany();
      expect(alerts.map((alert) => [alert.state, alert.severity, alert.value, alert.firingAt?.toISOString(), Number(alert.epoch)])).toEqual([["firing", "critical", 97, at(10).toISOString(), fenceOf("local").epoch]]);
      const firing = await db.alertNotification.findMany({ include: { channel: true }, orderBy: { id: "asc" } });
      expect(firing.map((row) => [row.transition, row.channel.name, row.status])).toEqual([["firing", "one", "pending"], ["firing", "two", "pending"]]);

      expect(await evaluate(0, 20)).toEqual({ opened: 0, fired: 0, resolved: 1, dropped: 0 });
      await evaluate(0, 21);
      const resolved = await db.alert.findUniqueOrThrow({ where: { id: alerts[0]!.id } });
      expect([resolved.state, resolved.activeKey, resolved.resolvedAt?.toISOString()]).toEqual(["resolved", null, at(20).toISOString()]);
      expect((await db.alertNotification.findMany({ orderBy: { id: "asc" } })).map((row) => row.transition)).toEqual(["firing", "firing", "resolved", "resolved"]);

      // Breaching again opens a new alert with the same key; the resolved one stays as history.
      await evaluate(90, 30);
      expect((await db.alert.findMany({ orderBy: { startedAt: "asc" } })).map((alert) => [alert.key === alerts[0]!.key, alert.state])).toEqual([[true, "resolved"], [true, "pending"]]);
    });

    it("thousands of alerts move in one evaluation each: opened, fired, measured, resolved", async () => {
      const db = database.db;
      const GROUPS = 3_000;
      // Another cluster, no contract: only the group-stuck rule holds, for no team (no channels).
      const stopped = (lag: number) =>
        snapshotOf({ groups: Array.from({ length: GROUPS }, (_, index) => groupOf(`big-${index}`, "clicks", { lag: lag + index, status: "STOPPED" })) }, "big");
      const evaluate = (snapshot: ReturnType<typeof stopped>, second: number) => evaluateAlerts({ db, fence: fenceOf("big"), snapshot, now: at(second) });
      const bigAlerts = () => db.alert.findMany({ where: { cluster: "big" }, orderBy: { groupId: "asc" } });

      expect(await evaluate(stopped(100), 200)).toEqual({ opened: GROUPS, fired: 0, resolved: 0, dropped: 0 });
      expect(await evaluate(stopped(200), 230)).toEqual({ opened: 0, fired: GROUPS, resolved: 0, dropped: 0 });
      expect(await evaluate(stopped(300), 240)).toEqual({ opened: 0, fired: 0, resolved: 0, dropped: 0 });
      const firing = await bigAlerts();
      expect(firing).toHaveLength(GROUPS);
      const first = firing.find((alert) => alert.groupId === "big-7")!;
      expect([first.state, first.rule, first.team, first.topic, first.value, first.threshold, first.firingAt?.toISOString()]).toEqual([
        "firing", "group-stuck", null, "clicks", 307, null, at(230).toISOString(),
      ]);
      expect((await getAlertDetail(db, first.id))!.alert.evaluatedAt).toBe(at(240).toISOString());
      expect(first.summary).toBe("big-7 is STOPPED on clicks: STOPPED for a reason");
      expect(new Set(firing.map((alert) => alert.state))).toEqual(new Set(["firing"]));
      expect(firing.reduce((total, alert) => total + alert.value!, 0)).toBe(GROUPS * 300 + (GROUPS * (GROUPS - 1)) / 2);

      // The same measurements again, and one group moved: every alert is marked evaluated, only the moved one is re-measured.
      const again = stopped(300);
      again.groups[7]!.topics[0]!.lag = 5;
      expect(await evaluate(again, 245)).toEqual({ opened: 0, fired: 0, resolved: 0, dropped: 0 });
      const evaluatedAgain = await bigAlerts();
      // One row says when the cluster was evaluated, in which term; only the moved alert's row was rewritten.
      expect(await db.alertEvaluation.findUnique({ where: { cluster: "big" } })).toEqual({ cluster: "big", evaluatedAt: at(245), epoch: BigInt(fenceOf("big").epoch) });
      expect(evaluatedAgain.filter((alert) => alert.evaluatedAt.getTime() === at(245).getTime()).map((alert) => alert.groupId)).toEqual(["big-7"]);
      expect(new Set(evaluatedAgain.map((alert) => alert.evaluatedAt.toISOString()))).toEqual(new Set([at(240).toISOString(), at(245).toISOString()]));
      // The API gives every live alert the cluster's evaluation time (the list shows at most 1,000).
      const listed = await listAlerts(db, { cluster: "big", limit: 1_000 });
      expect(listed.alerts).toHaveLength(1_000);
      expect(new Set(listed.alerts.map((alert) => alert.evaluatedAt))).toEqual(new Set([at(245).toISOString()]));
      expect(evaluatedAgain.find((alert) => alert.groupId === "big-7")!.value).toBe(5);
      expect(evaluatedAgain.reduce((total, alert) => total + alert.value!, 0)).toBe(GROUPS * 300 + (GROUPS * (GROUPS - 1)) / 2 - 307 + 5);

      expect(await evaluate(snapshotOf({}, "big"), 250)).toEqual({ opened: 0, fired: 0, resolved: GROUPS, dropped: 0 });
      const resolved = await bigAlerts();
      expect(resolved.every((alert) => alert.state === "resolved" && alert.activeKey === null && alert.resolvedAt?.getTime() === at(250).getTime())).toBe(true);
      // A resolved alert was last evaluated when it resolved, however often its cluster is evaluated after.
      expect(await evaluate(snapshotOf({}, "big"), 260)).toEqual({ opened: 0, fired: 0, resolved: 0, dropped: 0 });
      expect((await getAlertDetail(db, first.id))!.alert.evaluatedAt).toBe(at(250).toISOString());
      expect(await db.alertNotification.count({ where: { alert: { cluster: "big" } } })).toBe(0);
    });

    it("a live alert deleted behind the leader's back is opened again at the next evaluation", async () => {
      const db = database.db;
      const evaluate = (second: number) => evaluateAlerts({ db, fence: fenceOf("local"), snapshot: behind(90), now: at(second) });
      expect(await evaluate(31)).toEqual({ opened: 0, fired: 0, resolved: 0, dropped: 0 });
      const { count } = await db.alert.deleteMany({ where: { cluster: "local", activeKey: { not: null } } });
      expect(count).toBe(1);
      expect(await evaluate(32)).toEqual({ opened: 1, fired: 0, resolved: 0, dropped: 0 });
      expect(await evaluate(33)).toEqual({ opened: 0, fired: 0, resolved: 0, dropped: 0 });
      const live = await db.alert.findMany({ where: { cluster: "local", activeKey: { not: null } } });
      expect(live.map((alert) => [alert.state, alert.startedAt.toISOString()])).toEqual([["pending", at(32).toISOString()]]);
      expect((await getAlertDetail(db, live[0]!.id))!.alert.evaluatedAt).toBe(at(33).toISOString());
    });

    it("a deposed leader (fence refused) writes nothing", async () => {
      const db = database.db;
      const before = await db.alert.findMany({ orderBy: { startedAt: "asc" } });
      expect(await evaluateAlerts({ db, fence: fenceOf("local", false), snapshot: behind(0), now: at(40) })).toBeNull();
      expect(await db.alert.findMany({ orderBy: { startedAt: "asc" } })).toEqual(before);
    });

    it("two delivery processes claim disjoint notifications, and a resolution waits for its firing", async () => {
      const db = database.db;
      const second = createPrismaClient({ databaseUrl: database.url, pgliteDir: "" });
      try {
        const now = at(100);
        const [mine, theirs] = await Promise.all([claimDueNotifications(db, now, 10, []), claimDueNotifications(second.client, now, 10, [])]);
        const claimed = [...mine, ...theirs].map(String).sort();
        // Only the two firing rows: the resolved ones wait until their channel's firing is settled.
        const firingIds = (await db.alertNotification.findMany({ where: { transition: "firing" } })).map((row) => row.id.toString()).sort();
        expect(claimed).toEqual(firingIds);
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(await claimDueNotifications(db, now, 10, [])).toEqual([]);
        await db.alertNotification.updateMany({ where: { transition: "firing" }, data: { status: "delivered" } });
        const resolvedIds = (await db.alertNotification.findMany({ where: { transition: "resolved" } })).map((row) => row.id.toString()).sort();
        expect((await claimDueNotifications(second.client, now, 10, [])).map(String).sort()).toEqual(resolvedIds);
      } finally {
        await second.close();
      }
    });
  });
}
