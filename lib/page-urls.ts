/**
 * The one place that builds page URLs. Pages address a cluster like the API does
 * (`/clusters/{cluster}/topics/{topic}`), and every name is percent-encoded exactly once with
 * encodeURIComponent, so any name Kafka accepts (`50%off`, `a/b`, `#x?`, spaces, non-ASCII)
 * survives the round trip; Next.js decodes each segment once before the page sees it.
 */
export type ClusterSection = "topics" | "groups" | "flows";

const segment = encodeURIComponent;

export function clusterPageHref(cluster: string, section?: ClusterSection): string {
  const base = `/clusters/${segment(cluster)}`;
  return section ? `${base}/${section}` : base;
}

export function topicPageHref(cluster: string, topic: string): string {
  return `${clusterPageHref(cluster, "topics")}/${segment(topic)}`;
}

export function groupPageHref(cluster: string, groupId: string): string {
  return `${clusterPageHref(cluster, "groups")}/${segment(groupId)}`;
}

/** `focus` is a flow node id; `synthetic` only matters in bench mode. */
export function flowsPageHref(cluster: string, query: { focus?: string | null; synthetic?: string | null } = {}): string {
  const params = new URLSearchParams();
  if (query.focus) params.set("focus", query.focus);
  if (query.synthetic) params.set("synthetic", query.synthetic);
  const search = params.toString();
  return search ? `${clusterPageHref(cluster, "flows")}?${search}` : clusterPageHref(cluster, "flows");
}

/**
 * The cluster a page path is about (`/clusters/{cluster}/…`), or null outside cluster pages.
 * Returns null for a malformed escape instead of throwing: the nav must render on any page.
 */
export function clusterFromPagePath(pathname: string): string | null {
  const match = /^\/clusters\/([^/]+)/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** The same page on another cluster: the section is kept, names that belong to the old cluster are not. */
export function switchClusterHref(pathname: string, cluster: string): string {
  const section = /^\/clusters\/[^/]+\/(topics|groups|flows)(?:\/|$)/.exec(pathname)?.[1] as ClusterSection | undefined;
  return clusterPageHref(cluster, section);
}

/**
 * Request header through which proxy.ts hands pages the path exactly as the browser sent it
 * (still percent-encoded), so that a page decodes each name once itself. Next.js's own page
 * params are not a reliable single decode for every name (`50%25off` did not come out as `50%off`).
 */
export const RAW_PATH_HEADER = "x-tributary-raw-path";
