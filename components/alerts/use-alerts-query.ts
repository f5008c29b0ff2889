"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { alertCountsSchema, alertListResponseSchema, silenceListResponseSchema, silenceViewSchema } from "@/lib/validation/api/alerts";
import type { z } from "zod";

export type AlertFilter = { view?: string; team?: string; cluster?: string; severity?: string; group?: string; topic?: string; limit?: string };

const POLL_MS = 10_000;

/** Only the filters that are set: an empty value would be a 400 for some of them. */
const queryString = (filter: AlertFilter) =>
  new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();

export function useAlertsQuery(filter: AlertFilter) {
  return useQuery({
    queryKey: ["alerts", filter],
    queryFn: () => fetchJson(`/api/alerts?${queryString(filter)}`, alertListResponseSchema),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
  });
}

export function useAlertCountQuery() {
  return useQuery({ queryKey: ["alerts", "count"], queryFn: () => fetchJson("/api/alerts/count", alertCountsSchema), refetchInterval: POLL_MS, retry: false });
}

export function useSilencesQuery() {
  return useQuery({ queryKey: ["alerts", "silences"], queryFn: () => fetchJson("/api/alerts/silences", silenceListResponseSchema), refetchInterval: POLL_MS });
}

/** A JSON write to the alerts API, parsed with its response schema; every alerts query is refreshed after it. */
export function useAlertsMutation<S extends z.ZodType>(schema: S) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ url, method, body }: { url: string; method: "POST" | "PUT" | "DELETE"; body?: unknown }) =>
      fetchJson(url, schema, {
        init: { method, headers: body === undefined ? undefined : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alerts"] }),
  });
}

export const silenceMutationSchema = silenceViewSchema;
