"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { messagesResponseSchema } from "@/lib/validation/api/messages";
import { topicDetailResponseSchema, topicHistoryResponseSchema, topicListResponseSchema } from "@/lib/validation/api/topics";

const base = (cluster: string) => `/api/clusters/${encodeURIComponent(cluster)}/topics`;

export function useTopicsQuery(cluster: string, params: Record<string, string>, pollMs: number) {
  const query = new URLSearchParams(params).toString();
  return useQuery({
    queryKey: ["topics", cluster, params],
    queryFn: () => fetchJson(`${base(cluster)}?${query}`, topicListResponseSchema),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}

export function useTopicQuery(cluster: string, topic: string, pollMs: number) {
  return useQuery({
    queryKey: ["topic", cluster, topic],
    queryFn: () => fetchJson(`${base(cluster)}/${encodeURIComponent(topic)}`, topicDetailResponseSchema),
    refetchInterval: pollMs,
  });
}

export function useTopicHistoryQuery(cluster: string, topic: string, range: string, pollMs: number) {
  return useQuery({
    queryKey: ["topic-history", cluster, topic, range],
    queryFn: () => fetchJson(`${base(cluster)}/${encodeURIComponent(topic)}/history?${new URLSearchParams({ range })}`, topicHistoryResponseSchema),
    refetchInterval: pollMs,
    placeholderData: keepPreviousData,
  });
}

/** Messages are read on demand (the button), never polled: each read is a Kafka round trip. */
export function useTopicMessagesQuery(cluster: string, topic: string, params: Record<string, string> | null) {
  return useQuery({
    queryKey: ["topic-messages", cluster, topic, params],
    queryFn: () => fetchJson(`${base(cluster)}/${encodeURIComponent(topic)}/messages?${new URLSearchParams(params!).toString()}`, messagesResponseSchema),
    enabled: params !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
