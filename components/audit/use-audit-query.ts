"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { auditListResponseSchema } from "@/lib/validation/api/audit";

/** One page of the audit log; `filters` are the API's query parameters (empty ones are left out). */
export function useAuditQuery(filters: Record<string, string>) {
  const params = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ""));
  return useQuery({
    queryKey: ["audit", filters],
    queryFn: () => fetchJson(`/api/audit?${params.toString()}`, auditListResponseSchema),
    placeholderData: keepPreviousData,
  });
}
