import { clusterFromPagePath } from "@/lib/page-urls";

/**
 * The cluster the person is looking at: the one in a cluster page's path (`/clusters/{cluster}/…`),
 * else the `?cluster=` that catalog pages carry along, else the first configured one.
 */
export function currentCluster(pathname: string, searchParams: URLSearchParams | { get(name: string): string | null }, clusters: string[]): string | null {
  return clusterFromPagePath(pathname) ?? searchParams.get("cluster") ?? clusters[0] ?? null;
}

/** A page outside the cluster pages (the catalog) that keeps the selected cluster for the nav. */
export function withClusterQuery(path: string, cluster: string | null, clusters: string[]): string {
  return cluster && cluster !== clusters[0] ? `${path}?${new URLSearchParams({ cluster })}` : path;
}
