import "server-only";
import type pg from "pg";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ClusterSnapshot } from "@/lib/collector/types";
import { createFence, renewLease, releaseLease, tryAcquireLease, type Fence, type LeaseClaim } from "@/lib/collector/service/lease";
import { publishSample, publishStatus, readSavedState } from "@/lib/collector/service/publish";
import type { AttemptStatus, SampleResult } from "@/lib/collector/service/sample-result";
import type { SamplerControl } from "@/lib/collector/service/sampler";

export type LeadershipOptions = {
  holder: string;
  /** How long a lease lasts without renewal; renewed and contended every ttl/4. */
  leaseTtlMs: number;
  log: (message: string) => void;
  /** After each published sample, with the fence of the term that published it (alert evaluation). */
  onPublished?: (snapshot: ClusterSnapshot, fence: Fence) => Promise<void>;
  /** The leadership changed (tests, health). */
  onChange?: (leading: boolean, epoch: number | null) => void;
  /** PostgreSQL connections for publishing samples (Fence.runSql); null on the embedded database. */
  pool?: pg.Pool | null;
};

/**
 * One cluster's election loop in one collector process: contends for the lease while standing by,
 * renews it while leading, starts the sampler (from the state the last leader saved) on winning
 * and stops it on losing. Publishing is serialised per cluster and a backlog keeps only the newest
 * sample, so a slow database delays history rows but never piles them up.
 */
export class ClusterLeadership {
  private claim: LeaseClaim | null = null;
  private fence: Fence | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private publishing: Promise<void> = Promise.resolve();
  private pending: (() => Promise<void>) | null = null;
  private stepping: Promise<void> | null = null;
  /** Why the last lease check failed (the database), null when it succeeded: readiness. */
  lastLeaseError: string | null = null;
  /** When the last lease check completed (either way), ms since epoch; null before the first. */
  lastLeaseCheckAt: number | null = null;

  constructor(
    private readonly db: PrismaClient,
    private readonly cluster: string,
    private readonly sampler: SamplerControl,
    private readonly options: LeadershipOptions,
  ) {}

  get leading(): boolean {
    return this.claim !== null;
  }

  get epoch(): number | null {
    return this.claim?.epoch ?? null;
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops sampling and hands the lease over at once (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const claim = this.claim;
    await this.stepDown("shutting down");
    await this.publishing;
    if (claim) await releaseLease(this.db, claim).catch(() => undefined);
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick().finally(() => this.schedule(this.options.leaseTtlMs / 4)), delayMs);
    this.timer.unref?.();
  }

  private async tick() {
    this.lastLeaseCheckAt = Date.now();
    try {
      if (this.claim) {
        const renewed = await renewLease(this.db, this.claim, this.options.leaseTtlMs);
        this.lastLeaseError = null;
        if (!renewed) await this.stepDown("the lease was taken over");
        return;
      }
      const epoch = await tryAcquireLease(this.db, this.cluster, this.options.holder, this.options.leaseTtlMs);
      this.lastLeaseError = null;
      if (epoch !== null && !this.stopped) await this.becomeLeader(epoch);
    } catch (error) {
      this.lastLeaseError = String(error);
      // The database is unreachable: a leader cannot renew, so it stops sampling before its lease
      // can expire and a standby (with a working connection) take over.
      this.options.log(`[collector ${this.cluster}] lease check failed: ${String(error)}`);
      if (this.claim) await this.stepDown("the database is unreachable");
    }
  }

  private async becomeLeader(epoch: number) {
    const claim = { cluster: this.cluster, epoch, holder: this.options.holder };
    this.claim = claim;
    this.fence = createFence(this.db, claim, () => void this.stepDown("a newer leader holds the lease"), this.options.pool ?? null);
    this.options.log(`[collector ${this.cluster}] leading (epoch ${epoch})`);
    this.options.onChange?.(true, epoch);
    const savedState = await readSavedState(this.db, this.cluster).catch(() => null);
    await this.sampler.start(this.cluster, savedState, {
      onSample: (result) => this.enqueue(claim, () => this.publish(claim, result)),
      onFailure: (status) => this.enqueue(claim, () => this.publishFailure(claim, status)),
    });
  }

  private stepDown(reason: string): Promise<void> {
    if (!this.claim) return this.stepping ?? Promise.resolve();
    const epoch = this.claim.epoch;
    this.claim = null;
    this.fence = null;
    this.pending = null;
    this.options.log(`[collector ${this.cluster}] standing by (epoch ${epoch} ended: ${reason})`);
    this.options.onChange?.(false, null);
    this.stepping = this.sampler.stop(this.cluster).finally(() => {
      this.stepping = null;
    });
    return this.stepping;
  }

  /** Runs publications one at a time; while one runs, only the newest waiting one is kept. */
  private enqueue(claim: LeaseClaim, job: () => Promise<void>): Promise<void> {
    if (this.claim !== claim) return Promise.resolve();
    const idle = this.pending === null;
    this.pending = job;
    if (idle) {
      this.publishing = this.publishing.then(async () => {
        const next = this.pending;
        this.pending = null;
        await next?.().catch((error: unknown) => this.options.log(`[collector ${this.cluster}] publish failed: ${String(error)}`));
      });
    }
    return Promise.resolve();
  }

  private async publish(claim: LeaseClaim, result: SampleResult) {
    const fence = this.fence;
    if (this.claim !== claim || !fence) return;
    if (!(await publishSample(fence, claim.holder, result))) return;
    await this.options.onPublished?.(result.snapshot, fence).catch((error: unknown) =>
      this.options.log(`[collector ${this.cluster}] after-publish work failed: ${String(error)}`),
    );
  }

  private async publishFailure(claim: LeaseClaim, status: AttemptStatus) {
    const fence = this.fence;
    if (this.claim !== claim || !fence) return;
    await publishStatus(fence, claim.holder, status);
  }
}
