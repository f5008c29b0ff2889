import "server-only";
import pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ClusterSnapshot, ClusterState } from "@/lib/collector/types";
import { readLeases, type LeaseRow } from "@/lib/collector/service/lease";
import { NOTIFY_CHANNEL } from "@/lib/collector/service/publish";
import { decodeSnapshot, type Notification } from "@/lib/collector/service/sample-result";
import { groupsRead, loadGroups } from "@/lib/collector/service/lazy-groups";

type Published = {
  snapshot: ClusterSnapshot | null;
  sampledAt: number | null;
  epoch: number;
  holder: string;
  attemptAt: number;
  lastError: string | null;
  consecutiveFailures: number;
  updatedAt: number;
};

export type FeedOptions = {
  clusters: string[];
  databaseUrl: string | undefined;
  /** How often leases and statuses are re-read (the safety net under NOTIFY, and collector-down detection). */
  pollMs: number;
  /** A lease expired for less than this is a renewal running late, not a collector that is gone. */
  downAfterMs: number;
  log: (message: string) => void;
};

/**
 * A web process's copy of what the collectors published: the latest snapshot of each cluster,
 * reloaded when PostgreSQL notifies a new one (and by a periodic check, should a notification be
 * missed while the listening connection was down), plus the leases, to tell when no collector is
 * running. Requests read this copy and never wait on Kafka or on the database.
 */
export class SnapshotFeed {
  private readonly published = new Map<string, Published>();
  /** Each cluster's lease as of the last poll, and whether it was live then (judged on the database's clock). */
  private readonly leases = new Map<string, LeaseRow & { live: boolean }>();
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private listener: pg.Client | null = null;
  private loading = new Map<string, Promise<void>>();
  /** Reads published rows on PostgreSQL (see readRow); null on the embedded database. */
  private readonly rows: pg.Pool | null;
  private stopped = false;
  /** Whether the first read of the database succeeded (readiness). */
  loaded = false;
  lastPollError: string | null = null;

  constructor(
    private readonly db: () => PrismaClient,
    private readonly options: FeedOptions,
  ) {
    // Kept open between samples (idleTimeoutMillis 0: pg closes idle connections after 10 s, one
    // interval). An idle connection the server dropped: the next read opens another. A read that
    // hangs (the database's host gone) fails after the timeouts, so the next notification or poll
    // loads again instead of waiting on it.
    this.rows = options.databaseUrl
      ? new pg.Pool({
          connectionString: options.databaseUrl, max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: 10_000, query_timeout: 30_000,
          application_name: "tributary-feed-read",
        })
      : null;
    this.rows?.on("error", (error) => this.options.log(`[feed] snapshot reader: ${String(error)}`));
  }

  async start(): Promise<void> {
    await this.poll();
    if (this.options.databaseUrl) void this.listen();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.rows?.end().catch(() => undefined);
  }

  /** A sample this process published itself (role `all`): no need to read it back. */
  accept(cluster: string, epoch: number, holder: string, snapshot: ClusterSnapshot): void {
    this.published.set(cluster, {
      snapshot,
      sampledAt: snapshot.sampledAt,
      epoch,
      holder,
      attemptAt: snapshot.sampledAt,
      lastError: null,
      consecutiveFailures: 0,
      updatedAt: Date.now(),
    });
  }

  getClusterState(cluster: string, now = Date.now()): ClusterState {
    const published = this.published.get(cluster);
    const lease = this.leases.get(cluster);
    const snapshot = published?.snapshot ?? null;
    const leaseLive = lease?.live === true;
    const collector = {
      leader: leaseLive ? lease!.holder : null,
      epoch: lease?.epoch ?? null,
      down: !leaseLive,
      since: leaseLive ? null : (lease?.expiresAt ?? this.startedAt),
    };
    const downReason = collector.down
      ? lease
        ? `no collector has sampled cluster "${cluster}" since ${new Date(collector.since!).toISOString()}: the collector process is not running or cannot reach the database`
        : `no collector has sampled cluster "${cluster}" yet: start one (npm run collector) or run the app in role "all"`
      : null;
    return {
      cluster,
      snapshot,
      stale: downReason !== null || (published?.lastError ?? null) !== null,
      ageSeconds: snapshot ? Math.max(0, (now - snapshot.sampledAt) / 1000) : null,
      lastError: downReason ?? published?.lastError ?? null,
      lastAttemptAt: published?.attemptAt ?? null,
      consecutiveFailures: published?.consecutiveFailures ?? 0,
      collector,
    };
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.schedule()), this.options.pollMs);
    this.timer.unref?.();
  }

  private async poll() {
    try {
      const [leases, rows] = await Promise.all([
        readLeases(this.db()),
        this.db().collectorSnapshot.findMany({
          select: { cluster: true, epoch: true, holder: true, sampledAt: true, attemptAt: true, lastError: true, consecutiveFailures: true, updatedAt: true },
        }),
      ]);
      for (const lease of leases) this.leases.set(lease.cluster, { ...lease, live: lease.expiresAt + this.options.downAfterMs > lease.now });
      await Promise.all(
        rows
          .filter((row) => this.options.clusters.includes(row.cluster))
          .map((row) => {
            const known = this.published.get(row.cluster);
            const sampledAt = row.sampledAt?.getTime() ?? null;
            const status = statusOf(row);
            if (sampledAt !== null && sampledAt !== known?.sampledAt) return this.load(row.cluster);
            if (known && status.updatedAt >= known.updatedAt) Object.assign(known, status);
            else if (!known) this.published.set(row.cluster, { snapshot: null, sampledAt, ...status });
            return undefined;
          }),
      );
      this.loaded = true;
      this.lastPollError = null;
    } catch (error) {
      this.lastPollError = String(error);
    }
  }

  /** Loads a cluster's published row; concurrent calls for one cluster share one read. */
  private load(cluster: string): Promise<void> {
    const running = this.loading.get(cluster);
    if (running) return running;
    const loading = (async () => {
      const row = await this.readRow(cluster);
      if (!row) return;
      const known = this.published.get(cluster);
      const sampledAt = row.sampledAt?.getTime() ?? null;
      const decoded = row.snapshot && sampledAt !== known?.sampledAt ? await decodeSnapshot(row.snapshot) : null;
      // Groups are parsed when first read (lazy-groups.ts). A replica that served this cluster's
      // groups since the last sample parses the new ones now, between turns of its event loop,
      // rather than in the first request to read them; an idle one leaves them as text.
      if (decoded && known?.snapshot && groupsRead(known.snapshot)) await loadGroups(decoded);
      const snapshot = decoded ?? known?.snapshot ?? null;
      this.published.set(cluster, { snapshot, sampledAt: snapshot?.sampledAt ?? null, ...statusOf(row) });
    })()
      .catch((error: unknown) => this.options.log(`[feed] cluster ${cluster} not loaded: ${String(error)}`))
      .finally(() => this.loading.delete(cluster));
    this.loading.set(cluster, loading);
    return loading;
  }

  /**
   * A cluster's published row. On PostgreSQL through node-postgres, with the snapshot as base64
   * (encode() on the server): Prisma passes bytes through its query engine as JSON, and pg's text
   * form of bytea is hex, twice the size. For a 1.8 MB snapshot (10,000 groups) that was 70–85 ms
   * of this process's CPU through Prisma, 31–43 as hex and 14–17 as base64, each time a sample is
   * published (BENCHMARKS.md, "Replica reads and leader writes, by hand").
   */
  private async readRow(cluster: string): Promise<PublishedRow | null> {
    if (!this.rows) {
      return this.db().collectorSnapshot.findUnique({
        where: { cluster },
        select: { epoch: true, holder: true, sampledAt: true, snapshot: true, attemptAt: true, lastError: true, consecutiveFailures: true, updatedAt: true },
      });
    }
    const result = await this.rows.query<Omit<PublishedRow, "epoch" | "snapshot"> & { epoch: string; snapshot: string | null }>(
      `SELECT "epoch", "holder", "sampledAt", encode("snapshot", 'base64') AS "snapshot", "attemptAt", "lastError", "consecutiveFailures", "updatedAt"
       FROM "CollectorSnapshot" WHERE "cluster" = $1`,
      [cluster],
    );
    const row = result.rows[0];
    if (!row) return null;
    return { ...row, epoch: BigInt(row.epoch), snapshot: row.snapshot === null ? null : Buffer.from(row.snapshot, "base64") };
  }

  /** LISTEN on a connection of its own; reconnects after a failure (the poll covers the gap). */
  private async listen() {
    while (!this.stopped) {
      const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: "tributary-feed" });
      try {
        const ended = new Promise<void>((resolve) => {
          client.on("error", () => resolve());
          client.on("end", () => resolve());
        });
        client.on("notification", (message) => {
          if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
          const notification = JSON.parse(message.payload) as Notification;
          if (!this.options.clusters.includes(notification.cluster)) return;
          if (notification.kind === "status") void this.poll();
          else if (notification.sampledAt !== this.published.get(notification.cluster)?.sampledAt) void this.load(notification.cluster);
        });
        await client.connect();
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
        this.listener = client;
        await ended;
      } catch (error) {
        this.options.log(`[feed] LISTEN failed: ${String(error)}`);
      } finally {
        this.listener = null;
        await client.end().catch(() => undefined);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

type PublishedRow = StatusRow & { sampledAt: Date | null; snapshot: Uint8Array | null };

type StatusRow = { epoch: bigint; holder: string; attemptAt: Date; lastError: string | null; consecutiveFailures: number; updatedAt: Date };

/** The outcome of the leader's latest attempt, as a published row states it. */
function statusOf(row: StatusRow): Omit<Published, "snapshot" | "sampledAt"> {
  return {
    epoch: Number(row.epoch),
    holder: row.holder,
    attemptAt: row.attemptAt.getTime(),
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
    updatedAt: row.updatedAt.getTime(),
  };
}
