import type { HealthResponse } from "@/lib/validation/api/health";

/**
 * What the overview's health strip says. `ok`: every cluster and the database answer. `problems`:
 * the database's, and each Kafka cluster's reason, another cluster's with its name (the reasons name
 * brokers only). This page's cluster's reason is left out while its stale banner shows: the banner
 * says the same words, with the data's age.
 */
export function healthProblems(health: HealthResponse, cluster: string, staleBannerShown: boolean): { ok: boolean; problems: string[] } {
  const problems: string[] = [];
  for (const entry of health.kafka) {
    if (entry.ok) continue;
    if (entry.cluster !== cluster) problems.push(`Cluster ${entry.cluster}: ${entry.reason}`);
    else if (!staleBannerShown) problems.push(entry.reason);
  }
  if (!health.database.ok) problems.push(health.database.reason ?? "database unavailable");
  return { ok: health.database.ok && health.kafka.every((entry) => entry.ok), problems };
}
