"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import type { GroupDetailResponse, GroupHistoryResponse, GroupListResponse } from "@/components/ui/api-types";

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/groups`;

export function useGroupsQuery(cluster: string, params: Record<string, string>, pollMs: number) {
  return useQuery({
    queryKey: ["groups", cluster, params],
    queryFn: () => fetchJson<GroupListResponse>(`${base(cluster)}?${new URLSearchParams(params).toString()}`),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}

export function useGroupQuery(cluster: string, groupId: string, pollMs: number) {
  return useQuery({
    queryKey: ["group", cluster, groupId],
    queryFn: () => fetchJson<GroupDetailResponse>(`${base(cluster)}/${encodeURIComponent(groupId)}`),
    refetchInterval: pollMs,
  });
}

export function useGroupHistoryQuery(cluster: string, groupId: string, topic: string, range: string, pollMs: number) {
  return useQuery({
    queryKey: ["group-history", cluster, groupId, topic, range],
    queryFn: () =>
      fetchJson<GroupHistoryResponse>(
        `${base(cluster)}/${encodeURIComponent(groupId)}/history?${new URLSearchParams({ range, topic }).toString()}`,
      ),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}
