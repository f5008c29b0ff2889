import { describeServices, listClusterStates } from "@/lib/collector";
import { checkDatabase } from "@/lib/db-health";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { healthResponseSchema } from "@/lib/validation/api/health";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/**
 * Public (load balancers and uptime checks ask without signing in). 200 when the database answers
 * and every cluster's collector sampled Kafka successfully last time; 503 with the same body
 * otherwise. Kafka's state is the one the leading collector published: a web process makes no
 * Kafka calls of its own for it. `ready` (this process has read what the collectors published) is
 * the readiness signal for a load balancer.
 */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ auth: "public", response: healthResponseSchema }, async () => {
    const [states, database] = [listClusterStates(), await checkDatabase()];
    const services = describeServices();
    const kafka = states.map((state) =>
      state.snapshot && !state.stale
        ? { cluster: state.cluster, ok: true as const, clusterId: state.snapshot.clusterId, brokers: state.snapshot.brokers.length, controller: state.snapshot.controller }
        : { cluster: state.cluster, ok: false as const, reason: state.lastError ?? `no sample of cluster "${state.cluster}" yet: the collector is still starting` },
    );
    const collectors = states.map((state) => ({
      cluster: state.cluster,
      leader: state.collector.leader,
      epoch: state.collector.epoch,
      down: state.collector.down,
      downSince: state.collector.since,
      lastSampleAt: state.snapshot?.sampledAt ?? null,
    }));
    const ok = kafka.every((cluster) => cluster.ok) && database.ok;
    return reply(
      { status: ok ? "ok" : "degraded", version: packageJson.version, role: services.role, ready: services.feedLoaded && database.ok, kafka, database, collectors },
      // Not stored, and small enough to go out uncompressed (lib/api/json-response.ts).
      { status: ok ? 200 : 503 },
    );
  }),
});
