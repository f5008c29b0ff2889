import type { FlowLinkTarget } from "@/lib/flow/types";
import { groupPageHref, topicPageHref } from "@/lib/page-urls";

/**
 * The one place that turns a link target into a URL, so page routes can move without touching
 * the builder. Topic and group pages carry the cluster in their path; catalog pages are not per
 * cluster, so they carry it as `?cluster=` for the nav (and the new-contract form's prefill).
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
      return groupPageHref(cluster, target.groupId);
    case "topic":
      return topicPageHref(cluster, target.name);
  }
}
