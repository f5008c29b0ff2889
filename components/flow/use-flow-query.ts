"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { flowResponseSchema, type FlowResponse } from "@/lib/validation/api/flow";

export function getFlowUrl(cluster: string, synthetic: string | null): string {
  const query = synthetic ? `?${new URLSearchParams({ synthetic })}` : "";
  return `/api/clusters/${encodeURIComponent(cluster)}/flow${query}`;
}

/** The cluster's flow graph, polled at the collector's interval (handed down by the server page). */
export function useFlowQuery(options: {
  cluster: string;
  pollMs: number;
  synthetic?: string | null;
  initialData?: FlowResponse | null;
}) {
  const synthetic = options.synthetic ?? null;
  return useQuery({
    queryKey: ["flow", options.cluster, synthetic],
    queryFn: () => fetchJson(getFlowUrl(options.cluster, synthetic), flowResponseSchema),
    refetchInterval: options.pollMs,
    initialData: options.initialData ?? undefined,
    // The server page's data is fresh when the page arrives: do not fetch it again at once.
    initialDataUpdatedAt: options.initialData ? Date.now() : undefined,
  });
}
