"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import type { ClusterHistoryResponse, OverviewResponse } from "@/components/ui/api-types";

export type HealthResponse = {
  status: "ok" | "degraded";
  version: string;
  kafka: ({ cluster: string; ok: true; clusterId: string; brokers: number } | { cluster: string; ok: false; reason: string })[];
  database: { ok: boolean; backend: string; reason?: string };
};

export function useOverviewQuery(cluster: string, pollMs: number) {
  return useQuery({
    queryKey: ["overview", cluster],
    queryFn: () => fetchJson<OverviewResponse>(`/api/clusters/${encodeURIComponent(cluster)}/overview`),
    refetchInterval: pollMs,
  });
}

export function useClusterHistoryQuery(cluster: string, pollMs: number) {
  return useQuery({
    queryKey: ["cluster-history", cluster],
    queryFn: () => fetchJson<ClusterHistoryResponse>(`/api/clusters/${encodeURIComponent(cluster)}/history?range=1h`),
    refetchInterval: pollMs,
  });
}

/** Health answers 503 with a body when degraded: keep the body rather than throw. */
export function useHealthQuery(pollMs: number) {
  return useQuery({
    queryKey: ["health"],
    queryFn: async () => (await fetch("/api/health")).json() as Promise<HealthResponse>,
    refetchInterval: pollMs,
  });
}
