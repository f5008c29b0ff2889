// The sampling child of a web process in role `all` (see child-sampler.ts): samples the clusters
// its parent leads and sends each result back. Runs bundled (.collector/sampling-child.mjs, made by
// scripts/build-collector.mjs when its parent starts the first child); exits when its parent does.
import { ignoreBrokenPipes } from "@/lib/broken-pipes";
import { getConfig } from "@/lib/env";
import { InProcessSampler, type SamplerInputs } from "@/lib/collector/service/sampler";
import { deriveStateCodec } from "@/lib/collector/service/state-codec";
import type { ChildMessage, ParentMessage } from "@/lib/collector/service/child-protocol";
import { settleSamplingProcess } from "@/lib/collector/service/sampling-process";

// It writes to its parent's stdout and stderr: a lost reader must not end it (its parent would
// start it again every second, and lose it again at its first log line).
ignoreBrokenPipes();
settleSamplingProcess();
const config = getConfig();
const log = (message: string) => console.warn(message);
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

// The same sampler as the collector role's; a result that arrives after stop() is dropped there, and
// the parent drops results of a term it stopped since.
const sampler = new InProcessSampler(config, inputsFor, deriveStateCodec, log);

process.on("message", (message: ParentMessage) => {
  if (message.type === "start") {
    const { cluster, term } = message;
    void sampler
      .start(cluster, message.savedState, {
        // The encoded snapshot only: the parent decodes it a few hundred rows per turn of its event
        // loop, where a structured clone of 10,000 groups would be deserialised in one go.
        onSample: async ({ snapshot: _decodedInParent, ...result }) => void send({ type: "sample", cluster, term, result }),
        onFailure: async (status) => void send({ type: "failure", cluster, term, status }),
      })
      .catch((error: unknown) => log(`[collector] ${String(error)}`));
  } else if (message.type === "stop") void sampler.stop(message.cluster);
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
  void sampler.close().finally(() => process.exit(0));
});
