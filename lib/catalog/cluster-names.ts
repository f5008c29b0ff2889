// Which clusters a catalog contract may name: the configured ones. lib/env.ts is the authority in
// the server; the CLI import and the demo seed run outside Next.js, where lib/env.ts (server-only)
// cannot be loaded, so they read the same two variables here by the same rule.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

/** The configured cluster names: KAFKA_CLUSTERS_FILE's names, else KAFKA_CLUSTER_NAME (default "local"). */
export function readConfiguredClusterNames(env: Record<string, string | undefined> = process.env): string[] {
  if (env.KAFKA_CLUSTERS_FILE) {
    const file = parseYaml(readFileSync(env.KAFKA_CLUSTERS_FILE, "utf8")) as { clusters?: { name?: unknown }[] } | null;
    return (file?.clusters ?? []).flatMap((cluster) => (typeof cluster?.name === "string" ? [cluster.name] : []));
  }
  return [env.KAFKA_CLUSTER_NAME || "local"];
}

export function unconfiguredClusterMessage(cluster: string, configured: readonly string[]): string {
  return `Cluster "${cluster}" is not configured on this server (configured: ${configured.join(", ") || "none"})`;
}
