import "server-only";
import { createServer, type Server } from "node:http";
import { getConfig } from "@/lib/env";
import { getDb } from "@/lib/db";
import { readSamplerHistory } from "@/lib/collector/history";
import { catalogContractSource } from "@/lib/collector/contract-source";
import { InProcessSampler } from "@/lib/collector/service/sampler";
import { startCollectorRuntime } from "@/lib/collector/service/runtime";
import { deriveStateCodec } from "@/lib/collector/service/state-codec";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { startAlertDelivery } from "@/lib/alerts/delivery/worker";

/** The collector role: the runtime with an in-thread sampler (this process does nothing else), alert delivery and a health endpoint. */
export async function startCollectorService(): Promise<{ stop(): Promise<void>; port: number | null }> {
  const config = getConfig();
  if (!config.databaseUrl) throw new Error("the collector role needs DATABASE_URL (PostgreSQL): web replicas read what it publishes there");
  const log = (message: string) => console.warn(message);
  const windowMs = config.producerWindowMinutes * 60_000;
  const sampler = new InProcessSampler(
    config,
    (cluster) => ({
      contracts: catalogContractSource(getDb, cluster),
      restoreSamplerWindows: () => readSamplerHistory(getDb(), { cluster, windowMs }),
    }),
    deriveStateCodec,
    log,
  );
  const runtime = startCollectorRuntime({
    db: getDb,
    config,
    sampler,
    log,
    onPublished: async (snapshot, fence) => {
      await evaluateAlerts({ db: getDb(), fence, snapshot, now: new Date(snapshot.sampledAt) });
    },
  });
  const delivery = startAlertDelivery({ db: getDb(), log });
  log(`[collector] ${runtime.holder} started for ${config.clusters.map((cluster) => cluster.name).join(", ")}`);

  let server: Server | null = null;
  if (config.collectorHealthPort > 0) {
    server = createServer((request, response) => {
      const leaderships = [...runtime.leaderships].map(([cluster, leadership]) => ({
        cluster,
        leading: leadership.leading,
        epoch: leadership.epoch,
        lastLeaseCheckAt: leadership.lastLeaseCheckAt,
        databaseError: leadership.lastLeaseError,
      }));
      const ready = leaderships.every((entry) => entry.lastLeaseCheckAt !== null && entry.databaseError === null);
      const path = (request.url ?? "/").split("?")[0];
      const status = path === "/healthz" ? 200 : path === "/readyz" ? (ready ? 200 : 503) : 404;
      response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      response.end(JSON.stringify(status === 404 ? { error: { code: "not_found", message: "GET /healthz or /readyz" } } : { role: "collector", holder: runtime.holder, ready, clusters: leaderships }));
    });
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(config.collectorHealthPort, "0.0.0.0", () => resolve());
    });
    // Once listening, a failed accept (out of file descriptors) is an 'error' event of the server,
    // which with no listener would end the collector over its health endpoint.
    server.on("error", (error) => log(`[collector] health endpoint: ${String(error)}`));
  }
  const address = server?.address();
  return {
    port: address && typeof address === "object" ? address.port : null,
    async stop() {
      server?.close();
      await delivery.stop();
      await runtime.stop();
    },
  };
}
