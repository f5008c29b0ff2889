/** Builds an app URL that keeps the selected cluster (`?cluster=`) across navigation. */
export function clusterHref(path: string, cluster: string | null | undefined, extra?: Record<string, string>): string {
  const params = new URLSearchParams(extra);
  if (cluster) params.set("cluster", cluster);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}
