"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { topicConformanceHistoryResponseSchema } from "@/lib/validation/api/topics";

export function useConformanceHistoryQuery(cluster: string, topic: string, range: string, pollMs: number) {
  return useQuery({
    queryKey: ["topic-conformance-history", cluster, topic, range],
    queryFn: () =>
      fetchJson(
        `/api/clusters/${encodeURIComponent(cluster)}/topics/${encodeURIComponent(topic)}/conformance/history?${new URLSearchParams({ range })}`,
        topicConformanceHistoryResponseSchema,
      ),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}
