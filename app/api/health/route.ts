import { NextResponse } from "next/server";
import { getConfig } from "@/lib/env";
import { checkKafka } from "@/lib/kafka";
import { checkDatabase } from "@/lib/db-health";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

/** Liveness of the dependencies: 200 when Kafka and the database answer, 503 with the reasons otherwise. */
export async function GET() {
  const config = getConfig();
  const [kafka, database] = await Promise.all([Promise.all(config.clusters.map((cluster) => checkKafka(cluster))), checkDatabase()]);
  const ok = kafka.every((cluster) => cluster.ok) && database.ok;
  return NextResponse.json(
    { status: ok ? "ok" : "degraded", version: packageJson.version, kafka, database },
    { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
