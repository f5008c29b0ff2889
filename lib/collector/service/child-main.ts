// The sampling child of a web process in role `all` (see child-sampler.ts): samples the clusters
// its parent leads and sends each result back. Started with `node --import tsx --import
// scripts/lib/server-only-hook.mjs`; exits when its parent does.
import { getConfig } from "@/lib/env";
import { createClusterCollector, type SamplerInputs } from "@/lib/collector/service/sampler";
import type { ClusterCollector } from "@/lib/collector/cluster-collector";
import { deriveStateCodec } from "@/lib/collector/service/state-codec";
import type { ChildMessage, ParentMessage } from "@/lib/collector/service/child-protocol";

const config = getConfig();
const log = (message: string) => console.warn(message);
const collectors = new Map<string, { term: number; collector: ClusterCollector }>();
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextRequest = 0;

function send(message: ChildMessage) {
  process.send?.(message);
}

function request<T>(cluster: string, method: "revisions" | "schemas" | "samplerWindows", topics: string[] = []): Promise<T> {
  const id = ++nextRequest;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    send({ type: "request", id, cluster, method, topics });
  });
}

function inputsFor(cluster: string): SamplerInputs {
  return {
    contracts: { revisions: () => request(cluster, "revisions"), schemas: (topics) => request(cluster, "schemas", topics) },
    restoreSamplerWindows: () => request(cluster, "samplerWindows"),
  };
}

async function stop(cluster: string) {
  const entry = collectors.get(cluster);
  collectors.delete(cluster);
  await entry?.collector.stop();
}

async function start(cluster: string, term: number, savedState: Uint8Array | null) {
  await stop(cluster);
  const clusterConfig = config.clusters.find((candidate) => candidate.name === cluster);
  if (!clusterConfig) return log(`[collector] no configured cluster "${cluster}"`);
  const live = () => collectors.get(cluster)?.term === term;
  const collector = createClusterCollector(
    config,
    clusterConfig,
    inputsFor(cluster),
    {
      onSample: async (result) => void (live() && send({ type: "sample", cluster, term, result })),
      onFailure: async (status) => void (live() && send({ type: "failure", cluster, term, status })),
    },
    deriveStateCodec,
    log,
  );
  collector.restoreState(savedState);
  collectors.set(cluster, { term, collector });
  collector.start();
}

process.on("message", (message: ParentMessage) => {
  if (message.type === "start") void start(message.cluster, message.term, message.savedState);
  else if (message.type === "stop") void stop(message.cluster);
  else if (message.type === "reply") {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) pending?.reject(new Error(message.error));
    else pending?.resolve(message.value);
  }
});
// The parent went away (crash, kill -9): nothing is left to publish to.
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => {
  void Promise.all([...collectors.keys()].map(stop)).finally(() => process.exit(0));
});
