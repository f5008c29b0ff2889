import "server-only";
import type { ClusterConfig } from "@/lib/env";
import { rememberGroups } from "@/lib/kafka/group-offsets";
import { takeRawSample } from "@/lib/kafka/raw-sample";
import { describeTopicConfigs, type TopicConfigEntry } from "@/lib/kafka/topic-configs";
import { connectKafkaClients, resetKafkaClients } from "@/lib/kafka/connection";
import { checkKafka } from "@/lib/kafka/health";
import { describeKafkaError } from "@/lib/kafka/kafka-errors";
import { UNREACHABLE } from "@/lib/stale-cause";
import { createDeriveState, deriveSnapshot } from "@/lib/collector/derive-snapshot";
import { ProducerSampling, type SamplingOptions } from "@/lib/collector/producer-sampling";
import type { IntervalCounts } from "@/lib/collector/sample-windows";
import type { ClusterSnapshot } from "@/lib/collector/types";
import { encodeSnapshot, type AttemptStatus, type SampleResult } from "@/lib/collector/service/sample-result";
import type { DeriveState } from "@/lib/collector/derive-snapshot";

/** Turns the derive state into bytes a later leader can continue from, and back. */
export type DeriveStateCodec = { encode(state: DeriveState): Uint8Array; decode(bytes: Uint8Array): DeriveState };

export type CollectorOptions = {
  intervalMs: number;
  windowSize: number;
  /**
   * Called after each good sample with everything a leader publishes (the snapshot already
   * encoded here, off the web server's event loop); awaited before the next sample is scheduled.
   * Its failures never stop sampling.
   */
  onSample?: (result: SampleResult) => Promise<void>;
  /** Called after each failed attempt (Kafka unreachable, credentials refused…). */
  onFailure?: (status: AttemptStatus) => Promise<void>;
  /** Saves and restores status windows and offset→time tables; absent: state is not carried over. */
  stateCodec?: DeriveStateCodec;
  /** Record sampling for producers and conformance; absent or 0 records per topic: off. */
  sampling?: SamplingOptions;
  log?: (message: string) => void;
  /**
   * Keep the last good snapshot for latestSnapshot() (benchmarks). Off by default: a collector hands
   * each snapshot to onSample (or its caller) and holding it until the next sample only kept a
   * whole snapshot alive beside the one being derived (tens of MB at 10,000 groups).
   */
  keepLatest?: boolean;
};

const MAX_BACKOFF_MS = 60_000;
/** Topic configs change rarely: re-read them every this many samples, and for new topics. */
const CONFIG_REFRESH_SAMPLES = 30;

/**
 * Samples one cluster on a timer and hands each good snapshot to onSample; when Kafka is unreachable
 * the last one published stays (readers mark it stale from onFailure's status), and full samples
 * back off exponentially up to a minute.
 * Meanwhile a cheap reachability check (one metadata round trip) runs every interval: when Kafka
 * answers again after failing to, the backoff is reset and a sample is taken at once, so fresh
 * data returns within about an interval of the broker coming back rather than up to a minute.
 * Errors Kafka itself calls retriable (a coordinator still loading after a restart, a leader
 * election) are retried at the normal interval: the cluster answers, it is just not ready yet.
 */
export class ClusterCollector {
  private snapshot: ClusterSnapshot | null = null;
  private lastError: string | null = null;
  private lastAttemptAt: number | null = null;
  private failures = 0;
  /** Exponent of the current backoff; reset when Kafka becomes reachable again. */
  private backoffStep = 0;
  private retryAt = 0;
  /** Kafka was last seen unreachable (by the failed sample or a probe since). */
  private unreachable = false;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private samplesSinceConfigs = Number.POSITIVE_INFINITY;
  private retentionMsByTopic = new Map<string, number>();
  /**
   * The topics whose configs the last re-read returned. Only their names are kept between re-reads
   * (and retention.ms, above): the whole map, ~35 entries a topic, stayed in the old generation for
   * nothing once published.
   */
  private configuredTopics = new Set<string>();
  private derive = createDeriveState();
  /** Topic configs re-read by the last sample, for its SampleResult; null when not re-read. */
  private refreshedConfigs: Map<string, TopicConfigEntry[]> | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly sampling: ProducerSampling | null;
  /** The record sample counts of the last snapshot, for onSnapshot. */
  private lastInterval: IntervalCounts | null = null;

  constructor(
    private readonly cluster: ClusterConfig,
    private readonly options: CollectorOptions,
  ) {
    this.sampling = options.sampling && options.sampling.recordsPerTopic > 0 ? new ProducerSampling(options.sampling) : null;
  }

  /** Continues from a state a previous leader saved (before start); a state that does not decode is ignored. */
  restoreState(bytes: Uint8Array | null): boolean {
    if (!bytes || !this.options.stateCodec) return false;
    try {
      this.derive = this.options.stateCodec.decode(bytes);
      // The groups it measured (those without a commit or assignment on a listed topic are not kept).
      rememberGroups(this.cluster.name, this.derive.groups.keys());
      return true;
    } catch (error) {
      this.options.log?.(`[collector ${this.cluster.name}] saved state not restored: ${String(error)}`);
      return false;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The windows saved before a restart are read while the first sample is taken.
    void this.sampling?.restore();
    this.schedule(0);
  }

  /** What the record sampler read last interval (benchmarks); null when sampling is off. */
  getSamplingStats() {
    return this.sampling?.lastStats ?? null;
  }

  /** CPU the record sampling took since start (benchmarks); null when sampling is off. */
  getSamplingCost() {
    return this.sampling ? { ...this.sampling.cost } : null;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  /** The last good snapshot when kept (options.keepLatest, benchmarks); web processes read what the leader published instead. */
  latestSnapshot(): ClusterSnapshot | null {
    return this.snapshot;
  }

  /** Takes one sample now (also used by tests and benchmarks). */
  async sampleOnce(): Promise<ClusterSnapshot> {
    this.lastAttemptAt = Date.now();
    try {
      // Reading record timestamps may take a slice of the interval, never more: what is not read
      // in time is estimated from the offset table this sample. Sampling records likewise.
      const readBudgetMs = Math.min(2_000, Math.max(250, this.options.intervalMs / 4));
      const raw = await takeRawSample(this.cluster, { timestampBudgetMs: readBudgetMs });
      await this.refreshConfigs(raw.topics.map((topic) => topic.name));
      const snapshot = deriveSnapshot(this.derive, raw, {
        cluster: this.cluster.name,
        windowSize: this.options.windowSize,
        maxOffsetPoints: 120,
        retentionMsByTopic: this.retentionMsByTopic,
      });
      this.lastInterval = null;
      if (this.sampling) {
        const sampled = await this.sampleRecords(raw.topics, raw.sampledAt, readBudgetMs);
        if (sampled) {
          Object.assign(snapshot, sampled.fields);
          this.lastInterval = sampled.interval;
        }
      }
      if (this.options.keepLatest) this.snapshot = snapshot;
      this.lastError = null;
      this.failures = 0;
      return snapshot;
    } catch (error) {
      this.failures += 1;
      this.lastError = describeKafkaError(error, this.cluster);
      // A broker restart leaves kafkajs holding dead sockets and stale metadata; start clean.
      await resetKafkaClients(this.cluster.name);
      throw error;
    }
  }

  /** Never fails the sample: on any error the snapshot simply has no producer or conformance figures. */
  private async sampleRecords(topics: Parameters<ProducerSampling["sample"]>[1], sampledAt: number, budgetMs: number) {
    try {
      const { cluster } = await connectKafkaClients(this.cluster);
      return await this.sampling!.sample(cluster, topics, sampledAt, budgetMs);
    } catch (error) {
      this.options.log?.(`[collector ${this.cluster.name}] records not sampled: ${String(error)}`);
      return null;
    }
  }

  private async refreshConfigs(topics: string[]) {
    this.samplesSinceConfigs += 1;
    const unknown = topics.some((topic) => !this.configuredTopics.has(topic));
    if (!unknown && this.samplesSinceConfigs < CONFIG_REFRESH_SAMPLES) return;
    try {
      const configs = await describeTopicConfigs(this.cluster, topics);
      this.configuredTopics = new Set(configs.keys());
      this.refreshedConfigs = configs;
      this.retentionMsByTopic = new Map(
        [...configs].flatMap(([topic, entries]) => {
          const value = entries.find((entry) => entry.name === "retention.ms")?.value;
          return value != null && value !== "" ? [[topic, Number(value)] as const] : [];
        }),
      );
      this.samplesSinceConfigs = 0;
    } catch (error) {
      this.options.log?.(`[collector ${this.cluster.name}] topic configs not read: ${describeKafkaError(error, this.cluster)}`);
    }
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.tick().finally(() => {
        this.inFlight = null;
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async tick() {
    const started = Date.now();
    try {
      const snapshot = await this.sampleOnce();
      this.backoffStep = 0;
      if (this.options.onSample) {
        const result = this.toResult(snapshot);
        await this.options.onSample(result).catch((error: unknown) => {
          this.options.log?.(`[collector ${this.cluster.name}] sample not published: ${String(error)}`);
        });
      }
      this.schedule(Math.max(0, this.options.intervalMs - (Date.now() - started)));
    } catch (error) {
      this.unreachable = this.lastError?.startsWith(UNREACHABLE) ?? false;
      const transient = !this.unreachable && (error as { retriable?: boolean }).retriable === true;
      const delay = transient
        ? this.options.intervalMs
        : Math.min(MAX_BACKOFF_MS, this.options.intervalMs * 2 ** Math.min(this.backoffStep++, 6));
      this.retryAt = started + delay;
      this.options.log?.(`[collector ${this.cluster.name}] sample failed (${this.lastError}); retrying in ${delay} ms`);
      await this.options
        .onFailure?.({ attemptAt: this.lastAttemptAt ?? started, lastError: this.lastError, consecutiveFailures: this.failures })
        .catch((publishError: unknown) => this.options.log?.(`[collector ${this.cluster.name}] status not published: ${String(publishError)}`));
      this.scheduleProbe();
    }
  }

  private toResult(snapshot: ClusterSnapshot): SampleResult {
    let state: Uint8Array | null = null;
    try {
      state = this.options.stateCodec?.encode(this.derive) ?? null;
    } catch (error) {
      this.options.log?.(`[collector ${this.cluster.name}] state not saved: ${String(error)}`);
    }
    const topicConfigs = this.refreshedConfigs ? [...this.refreshedConfigs] : null;
    this.refreshedConfigs = null;
    return { snapshot, encoded: encodeSnapshot(snapshot), state, interval: this.lastInterval, topicConfigs };
  }

  /** While backing off: every interval, sample if the backoff is over or Kafka answers again. */
  private scheduleProbe() {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.inFlight = (async () => {
        if (Date.now() < this.retryAt) {
          const reachable = (await checkKafka(this.cluster, Math.min(this.options.intervalMs, 4_000))).ok;
          const cameBack = reachable && this.unreachable;
          this.unreachable = !reachable;
          // Unreachable still, or reachable but the sample failed for a reason retrying soon
          // will not fix (an authorization error, say): keep backing off.
          if (!cameBack) return this.scheduleProbe();
          this.backoffStep = 0;
        }
        await this.tick();
      })().finally(() => {
        this.inFlight = null;
      });
    }, Math.min(this.options.intervalMs, Math.max(0, this.retryAt - Date.now())));
    this.timer.unref?.();
  }
}
