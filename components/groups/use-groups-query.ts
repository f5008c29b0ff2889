"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { groupDetailResponseSchema, groupHistoryResponseSchema, groupListResponseSchema, type GroupListResponse } from "@/lib/validation/api/groups";

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/groups`;

/** `initialData`: the server's answer for exactly these params, if it rendered one (polling goes on from it). */
export function useGroupsQuery(cluster: string, params: Record<string, string>, pollMs: number, initialData?: GroupListResponse) {
  return useQuery({
    queryKey: ["groups", cluster, params],
    queryFn: () => fetchJson(`${base(cluster)}?${new URLSearchParams(params).toString()}`, groupListResponseSchema),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
    initialData,
  });
}

/** The group id is percent-encoded exactly once; the server decodes it exactly once. */
export function useGroupQuery(cluster: string, groupId: string, pollMs: number) {
  return useQuery({
    queryKey: ["group", cluster, groupId],
    queryFn: () => fetchJson(`${base(cluster)}/${encodeURIComponent(groupId)}`, groupDetailResponseSchema),
    refetchInterval: pollMs,
  });
}

export function useGroupHistoryQuery(cluster: string, groupId: string, topic: string, range: string, pollMs: number) {
  return useQuery({
    queryKey: ["group-history", cluster, groupId, topic, range],
    queryFn: () =>
      fetchJson(`${base(cluster)}/${encodeURIComponent(groupId)}/history?${new URLSearchParams({ range, topic }).toString()}`, groupHistoryResponseSchema),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}
