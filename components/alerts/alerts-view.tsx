"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { useAlertsMutation, useAlertsQuery, type AlertFilter } from "@/components/alerts/use-alerts-query";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { can } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/types";
import { SEVERITIES } from "@/lib/alerts/rules";
import { ALERT_VIEWS, type AlertView } from "@/lib/validation/api/alerts";
import { z } from "zod";

const ackSchema = z.object({ acknowledgedAt: z.string(), acknowledgedBy: z.string() });

/** The alerts page's list: a tab per view, filters by team, cluster and severity kept in the URL. */
export function AlertsView({ filter, teams, clusters, principal }: { filter: AlertFilter; teams: string[]; clusters: string[]; principal: Principal | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const query = useAlertsQuery(filter);
  const ack = useAlertsMutation(ackSchema);
  const go = (change: Partial<AlertFilter>) => {
    const next = Object.entries({ ...filter, ...change }).filter((entry): entry is [string, string] => Boolean(entry[1]));
    router.push(`${pathname}?${new URLSearchParams(next).toString()}`);
  };
  const counts = query.data?.counts;
  const select = (name: keyof AlertFilter, label: string, values: readonly string[]) => (
    <label>
      {label}{" "}
      <select data-testid={`alerts-filter-${name}`} value={filter[name] ?? ""} onChange={(event) => go({ [name]: event.target.value })}>
        <option value="">all</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
  const ackButton = (alert: AlertView) =>
    alert.state !== "resolved" && !alert.acknowledgedAt && can(principal, { kind: "alerts.silence", team: alert.team }) ? (
      <button type="button" disabled={ack.isPending} onClick={() => ack.mutate({ url: `/api/alerts/${encodeURIComponent(alert.id)}/ack`, method: "POST", body: {} })}>
        Acknowledge
      </button>
    ) : null;

  return (
    <section>
      <div className="toolbar">
        <div className="tabs" role="group" aria-label="Alert view">
          <button type="button" aria-pressed={!filter.view} onClick={() => go({ view: "" })}>
            All
          </button>
          {ALERT_VIEWS.map((view) => (
            <button key={view} type="button" aria-pressed={filter.view === view} onClick={() => go({ view })} data-testid={`alerts-tab-${view}`}>
              {view}
              {counts && view !== "resolved" ? ` (${counts[view]})` : ""}
            </button>
          ))}
        </div>
        {select("team", "Team", teams)}
        {select("cluster", "Cluster", clusters)}
        {select("severity", "Severity", SEVERITIES)}
      </div>
      {ack.isError && <ErrorState title="Not acknowledged" error={ack.error} />}
      {query.isPending ? (
        <TableSkeleton rows={4} columns={7} />
      ) : query.isError ? (
        <ErrorState title="Alerts could not be loaded" error={query.error} hint="Is the database reachable? The server log has details." />
      ) : query.data.alerts.length === 0 ? (
        <EmptyState>
          No alerts match. Rules fire when a group falls behind its contract&apos;s lag objective, stalls or stops, when records break a contract, or when
          traffic appears nobody owns. Teams tune them on their <Link href={teams[0] ? `/alerts/teams/${encodeURIComponent(teams[0])}` : "/catalog/teams"}>alert settings</Link>.
        </EmptyState>
      ) : (
        <AlertsTable alerts={query.data.alerts} actions={ackButton} />
      )}
    </section>
  );
}
