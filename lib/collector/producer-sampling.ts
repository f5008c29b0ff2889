import "server-only";
import type { InternalCluster } from "@/lib/kafka/internal-cluster";
import { sampleRecords, type SampleReadStats } from "@/lib/kafka/record-sampler";
import { createSamplerState, type PlanTopic, type SampleBudget } from "@/lib/kafka/sample-plan";
import { compileContracts, type CompiledContract } from "@/lib/collector/conformance-check";
import type { ContractRevisions, ContractSource } from "@/lib/collector/contract-source";
import { SampleWindows, summarizeInterval, type IntervalCounts } from "@/lib/collector/sample-windows";
import type { ClusterSnapshot } from "@/lib/collector/types";

export type SamplingOptions = SampleBudget & {
  header: string;
  windowMinutes: number;
  /** Where the JSON Schema contracts come from (the catalog); none: nothing is checked. */
  contracts?: ContractSource;
  /** The window rows saved before a restart; called once, before the first interval. */
  restore?: () => Promise<Omit<IntervalCounts, "at">>;
  log?: (message: string) => void;
};

/** The catalog database gets this long per sample (contracts) and at start (restore); a slow one is skipped, never waited for. */
const DB_BUDGET_MS = 2_000;

/** Contract revisions are re-read every sample (one small query); schemas only when one changed, or after this many samples. */
const SCHEMA_REFRESH_SAMPLES = 30;

/**
 * The collector's record sampling for one cluster: reads each interval's sample of records,
 * counts producers, checks records against their topic's contract, and keeps the windows. Nothing
 * here can fail a sample: every failure ends in fewer records or an older contract this interval.
 */
export class ProducerSampling {
  private readonly state = createSamplerState();
  private readonly windows: SampleWindows;
  private compiled = new Map<string, CompiledContract>();
  private revisions: ContractRevisions = new Map();
  private samplesSinceSchemas = Number.POSITIVE_INFINITY;
  private restored: Promise<void> | null = null;
  lastStats: SampleReadStats | null = null;
  /** CPU time spent in sample() since start (an upper bound: other work of the process between its awaits counts too). */
  readonly cost = { intervals: 0, cpuMicros: 0 };

  constructor(private readonly options: SamplingOptions) {
    this.windows = new SampleWindows(options.windowMinutes * 60_000);
  }

  /** Reads back the windows saved before a restart (once; a failure or a slow database only means an empty window). */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      if (!this.options.restore) return;
      try {
        const rows = await withTimeout(this.options.restore(), 3 * DB_BUDGET_MS);
        if (rows) this.windows.restore(rows);
        else this.options.log?.("producer and conformance windows not restored: the database did not answer in time");
      } catch (error) {
        this.options.log?.(`producer and conformance windows not restored: ${String(error)}`);
      }
    })();
    return this.restored;
  }

  /** One interval: the counts it added (to persist), and the snapshot fields as of `sampledAt`. */
  async sample(
    cluster: InternalCluster,
    topics: PlanTopic[],
    sampledAt: number,
    budgetMs: number,
  ): Promise<{ interval: IntervalCounts; fields: Pick<ClusterSnapshot, "producers" | "conformance" | "conformanceTotals"> }> {
    await this.restore();
    const cpuBefore = process.cpuUsage();
    await withTimeout(this.refreshContracts(), DB_BUDGET_MS);
    const { records, stats } = await sampleRecords(cluster, this.state, topics, { ...this.options, budgetMs }).catch(() => ({
      records: [],
      stats: null,
    }));
    this.lastStats = stats;
    const interval = summarizeInterval(sampledAt, records, this.compiled);
    this.windows.add(interval);
    this.windows.prune(sampledAt, new Set(topics.map((topic) => topic.name)));
    const cpu = process.cpuUsage(cpuBefore);
    this.cost.intervals += 1;
    this.cost.cpuMicros += cpu.user + cpu.system;
    const versions = new Map([...this.compiled].filter(([, contract]) => contract.validate !== null).map(([topic, contract]) => [topic, contract.version]));
    return {
      interval,
      fields: { producers: this.windows.producers(), conformance: this.windows.conformance(versions), conformanceTotals: this.windows.conformanceTotals() },
    };
  }

  private async refreshContracts() {
    const source = this.options.contracts;
    if (!source) return;
    try {
      this.samplesSinceSchemas += 1;
      const revisions = await source.revisions();
      const changed = [...revisions].filter(([topic, revision]) => this.revisions.get(topic) !== revision).map(([topic]) => topic);
      const removed = [...this.revisions.keys()].some((topic) => !revisions.has(topic));
      if (changed.length === 0 && !removed && this.samplesSinceSchemas < SCHEMA_REFRESH_SAMPLES) return;
      const refreshAll = this.samplesSinceSchemas >= SCHEMA_REFRESH_SAMPLES;
      const fetched = await source.schemas(refreshAll ? [...revisions.keys()] : changed);
      const schemas = new Map([...this.compiled].filter(([topic]) => revisions.has(topic) && !refreshAll && !changed.includes(topic)));
      this.compiled = new Map([...schemas, ...compileContracts(fetched, this.compiled)]);
      this.revisions = revisions;
      if (refreshAll) this.samplesSinceSchemas = 0;
    } catch (error) {
      // The catalog database is down: keep checking against the contracts known so far.
      this.options.log?.(`contracts not refreshed: ${String(error)}`);
    }
  }
}

/** The promise's value, or undefined after `ms`; a late answer or rejection is ignored by the caller. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
