import "server-only";
import type { AppConfig, ClusterConfig } from "@/lib/env";
import { ClusterCollector, type DeriveStateCodec } from "@/lib/collector/cluster-collector";
import type { ContractSource } from "@/lib/collector/contract-source";
import type { IntervalCounts } from "@/lib/collector/sample-windows";
import type { AttemptStatus, SampleResult } from "@/lib/collector/service/sample-result";

// The sampling half of a collector: Kafka reads and the derive work, for the clusters this process
// leads. Where it runs is the SamplerControl's business: in this thread (the collector role, a
// process of its own) or in a child process (role `all`, so that the web server's event loop never
// derives a snapshot). Either way it is started and stopped by the cluster's leadership.

export type SamplerHandlers = {
  onSample(result: SampleResult): Promise<void>;
  onFailure(status: AttemptStatus): Promise<void>;
};

/** What the sampler needs from the database (the catalog's contracts, the saved producer windows). */
export type SamplerInputs = {
  contracts: ContractSource;
  restoreSamplerWindows(): Promise<Omit<IntervalCounts, "at">>;
};

export interface SamplerControl {
  /** Starts sampling a cluster, continuing from a saved state when there is one. */
  start(cluster: string, savedState: Uint8Array | null, handlers: SamplerHandlers): Promise<void>;
  /** Stops sampling it; results of samples in flight are dropped. */
  stop(cluster: string): Promise<void>;
  /** Stops everything (process exit). */
  close(): Promise<void>;
}

/** Builds a cluster's ClusterCollector from the configuration. */
function createClusterCollector(
  config: AppConfig,
  cluster: ClusterConfig,
  inputs: SamplerInputs,
  handlers: SamplerHandlers,
  stateCodec: DeriveStateCodec | undefined,
  log: (message: string) => void,
): ClusterCollector {
  return new ClusterCollector(cluster, {
    intervalMs: config.collectorIntervalMs,
    windowSize: config.collectorWindowSamples,
    onSample: handlers.onSample,
    onFailure: handlers.onFailure,
    stateCodec,
    sampling: {
      recordsPerTopic: config.sampleRecordsPerTopic,
      bytesPerTopic: config.sampleBytesPerTopic,
      header: config.flowProducerHeader,
      windowMinutes: config.producerWindowMinutes,
      contracts: inputs.contracts,
      restore: inputs.restoreSamplerWindows,
      log: (message) => log(`[collector ${cluster.name}] ${message}`),
    },
    log,
  });
}

/** Samples in this thread: the collector role's own process, and inside the sampling child of role `all`. */
export class InProcessSampler implements SamplerControl {
  private readonly running = new Map<string, { collector: ClusterCollector; live: { value: boolean } }>();

  constructor(
    private readonly config: AppConfig,
    private readonly inputsFor: (cluster: string) => SamplerInputs,
    private readonly stateCodec: DeriveStateCodec | undefined,
    private readonly log: (message: string) => void,
  ) {}

  async start(clusterName: string, savedState: Uint8Array | null, handlers: SamplerHandlers) {
    await this.stop(clusterName);
    const cluster = this.config.clusters.find((candidate) => candidate.name === clusterName);
    if (!cluster) throw new Error(`no configured cluster "${clusterName}"`);
    const live = { value: true };
    // A result that arrives after stop() (a sample in flight) is dropped, not published.
    const guarded: SamplerHandlers = {
      onSample: (result) => (live.value ? handlers.onSample(result) : Promise.resolve()),
      onFailure: (status) => (live.value ? handlers.onFailure(status) : Promise.resolve()),
    };
    const collector = createClusterCollector(this.config, cluster, this.inputsFor(clusterName), guarded, this.stateCodec, this.log);
    collector.restoreState(savedState);
    this.running.set(clusterName, { collector, live });
    collector.start();
  }

  async stop(clusterName: string) {
    const entry = this.running.get(clusterName);
    this.running.delete(clusterName);
    if (!entry) return;
    entry.live.value = false;
    await entry.collector.stop();
  }

  async close() {
    await Promise.all([...this.running.keys()].map((cluster) => this.stop(cluster)));
  }
}
