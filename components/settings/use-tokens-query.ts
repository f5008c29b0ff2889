"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { createTokenResponseSchema, revokeTokenResponseSchema, tokenListResponseSchema, type CreateTokenBody } from "@/lib/validation/api/tokens";

const TOKENS_KEY = ["api-tokens"] as const;

export function useTokensQuery() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: () => fetchJson("/api/tokens", tokenListResponseSchema) });
}

/** The answer carries the secret: it is kept only in the component that shows it once. */
export function useCreateTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) =>
      fetchJson("/api/tokens", createTokenResponseSchema, {
        init: { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson(`/api/tokens/${encodeURIComponent(id)}`, revokeTokenResponseSchema, { init: { method: "DELETE" } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
