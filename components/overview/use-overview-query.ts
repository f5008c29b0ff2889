"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { clusterHistoryResponseSchema, overviewResponseSchema } from "@/lib/validation/api/clusters";
import { healthResponseSchema } from "@/lib/validation/api/health";

export type { HealthResponse } from "@/lib/validation/api/health";

export function useOverviewQuery(cluster: string, pollMs: number) {
  return useQuery({
    queryKey: ["overview", cluster],
    queryFn: () => fetchJson(`/api/clusters/${encodeURIComponent(cluster)}/overview`, overviewResponseSchema),
    refetchInterval: pollMs,
  });
}

export function useClusterHistoryQuery(cluster: string, pollMs: number) {
  return useQuery({
    queryKey: ["cluster-history", cluster],
    queryFn: () => fetchJson(`/api/clusters/${encodeURIComponent(cluster)}/history?range=1h`, clusterHistoryResponseSchema),
    refetchInterval: pollMs,
  });
}

/** Health answers 503 with a full body when degraded: keep the body rather than throw. */
export function useHealthQuery(pollMs: number) {
  return useQuery({
    queryKey: ["health"],
    queryFn: () => fetchJson("/api/health", healthResponseSchema, { acceptStatus: [503] }),
    refetchInterval: pollMs,
  });
}
