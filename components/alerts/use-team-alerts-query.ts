"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/query-client";
import { teamAlertSettingsSchema } from "@/lib/validation/api/alerts";

export const teamAlertsUrl = (team: string) => `/api/alerts/teams/${encodeURIComponent(team)}`;

export function useTeamAlertsQuery(team: string) {
  return useQuery({ queryKey: ["alerts", "team", team], queryFn: () => fetchJson(teamAlertsUrl(team), teamAlertSettingsSchema) });
}
