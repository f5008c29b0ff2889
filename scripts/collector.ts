/**
 * `npm run collector`: the collector role, the production entry for it. Samples every configured
 * Kafka cluster it wins the lease of (PostgreSQL: DATABASE_URL), publishes snapshots for the web
 * replicas, evaluates and delivers alerts, and stands by for the clusters another collector leads.
 * Health: GET /healthz (the process runs) and /readyz (it can reach the database and has joined the
 * election) on COLLECTOR_HEALTH_PORT (default 9464; 0: off). SIGTERM/SIGINT hand the leases over
 * at once.
 */
import { ignoreBrokenPipes } from "@/lib/broken-pipes";
import { startCollectorService } from "@/lib/collector/service/collector-main";
import { settleSamplingProcess } from "@/lib/collector/service/sampling-process";
import { onStopSignal } from "./lib/stop-signals";

ignoreBrokenPipes();
settleSamplingProcess();

const service = await startCollectorService();
onStopSignal(() => void service.stop().finally(() => process.exit(0)));
