"use client";

import { useState } from "react";
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from "@/components/audit/audit-filters";
import { useAuditQuery } from "@/components/audit/use-audit-query";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import type { AuditEntryView } from "@/lib/validation/api/audit";

const PAGE_SIZE = 50;

/** A short, readable line for an entry's details (the full before/after stays in the API). */
function describe(entry: AuditEntryView): string {
  const after = entry.after as Record<string, unknown> | null;
  if (entry.entityType === "auth" && after) return String(after.reason ?? "");
  if (entry.entityType === "topic" && after) return `${String(after.classification)}${after.masked ? ", masked" : ""}${after.records !== undefined ? `, ${String(after.records)} records` : ""}`;
  if (entry.entityType === "token" && after) return `${String(after.name)} (${String(after.role)}${after.team ? ` of ${String(after.team)}` : ""})`;
  return "";
}

/** The whole audit log, filtered and paged on the server, newest first. */
export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const query = useAuditQuery({ ...filters, page: String(page), pageSize: String(PAGE_SIZE) });
  const apply = (next: AuditFilterValues) => {
    setFilters(next);
    setPage(1);
  };
  const pages = query.data ? Math.max(1, Math.ceil(query.data.total / PAGE_SIZE)) : 1;
  return (
    <div>
      <AuditFilters onApply={apply} />
      {query.isPending ? (
        <TableSkeleton rows={8} columns={5} />
      ) : query.isError ? (
        <ErrorState title="Cannot read the audit log" error={query.error} />
      ) : query.data.entries.length === 0 ? (
        <EmptyState>No entries match these filters.</EmptyState>
      ) : (
        <>
          <table data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Entity</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {query.data.entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                  <td>
                    <time dateTime={entry.at}>{entry.at.replace("T", " ").slice(0, 19)} UTC</time>
                  </td>
                  <td title={entry.actorSubject ?? undefined}>
                    {entry.actor} {entry.actorKind && <span className="subtle">({entry.actorKind})</span>}
                  </td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.entityType} <span className="subtle">{entry.entityKey}</span>
                  </td>
                  <td className="subtle">{describe(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar" data-testid="audit-pager">
            <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Newer
            </button>
            <span>
              Page {page} of {pages} · {query.data.total} entries · kept {query.data.retentionDays} days
            </span>
            <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Older
            </button>
          </div>
        </>
      )}
    </div>
  );
}
