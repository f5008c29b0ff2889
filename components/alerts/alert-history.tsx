"use client";

import Link from "next/link";
import { AlertsTable } from "@/components/alerts/alerts-table";
import { useAlertsQuery, type AlertFilter } from "@/components/alerts/use-alerts-query";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";

/** The alerts of one group, topic or team (live first, then resolved), for their pages. */
export function AlertHistory({ filter, title = "Alerts" }: { filter: Pick<AlertFilter, "cluster" | "group" | "topic" | "team">; title?: string }) {
  const query = useAlertsQuery({ ...filter, limit: "20" });
  const all = `/alerts?${new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString()}`;
  return (
    <section data-testid="alert-history" style={{ marginTop: "1.5rem" }}>
      <h2>
        {title} <Link href={all} style={{ fontSize: "0.8rem", fontWeight: 400 }}>all</Link>
      </h2>
      {query.isPending ? (
        <TableSkeleton rows={2} columns={5} />
      ) : query.isError ? (
        <ErrorState title="Alerts could not be loaded" error={query.error} />
      ) : query.data.alerts.length === 0 ? (
        <EmptyState>No alerts here so far.</EmptyState>
      ) : (
        <AlertsTable alerts={query.data.alerts} compact />
      )}
    </section>
  );
}
