import type { FlowLinkTarget } from "@/lib/flow/types";

/**
 * The one place that turns a link target into a URL, so page routes can move without touching
 * the builder. The cluster travels as `?cluster=`, like every page of the app.
 */
export function buildFlowHref(target: FlowLinkTarget, cluster: string): string {
  const query = new URLSearchParams({ cluster });
  switch (target.kind) {
    case "service":
      return `/catalog/services/${encodeURIComponent(target.slug)}?${query}`;
    case "new-service":
      query.set("slug", target.slug);
      return `/catalog/services/new?${query}`;
    case "contract":
      return `/catalog/contracts/${encodeURIComponent(cluster)}/${encodeURIComponent(target.topic)}?${query}`;
    case "new-contract":
      query.set("topic", target.topic);
      return `/catalog/contracts/new?${query}`;
    case "group":
      return `/groups/${encodeURIComponent(target.groupId)}?${query}`;
    case "topic":
      return `/topics/${encodeURIComponent(target.name)}?${query}`;
  }
}
