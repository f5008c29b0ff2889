import { getConfig } from "@/lib/env";
import { checkKafka } from "@/lib/kafka";
import { checkDatabase } from "@/lib/db-health";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { healthResponseSchema } from "@/lib/validation/api/health";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness of the dependencies: 200 when Kafka and the database answer, 503 with the same body otherwise. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: healthResponseSchema }, async () => {
    const config = getConfig();
    const [kafka, database] = await Promise.all([Promise.all(config.clusters.map((cluster) => checkKafka(cluster))), checkDatabase()]);
    const ok = kafka.every((cluster) => cluster.ok) && database.ok;
    return reply(
      { status: ok ? "ok" : "degraded", version: packageJson.version, kafka, database },
      { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
    );
  }),
});
