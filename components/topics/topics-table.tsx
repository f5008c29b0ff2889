"use client";

import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useTopicsQuery } from "@/components/topics/use-topics-query";
import { FreshnessBanner, UpdatedAt } from "@/components/ui/freshness-banner";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { Pager, SortableHeader } from "@/components/ui/sortable-header";
import { topicPageHref } from "@/lib/page-urls";
import { formatCount, formatRate, formatRetention } from "@/lib/format";
import type { TopicListQuery } from "@/lib/validation/observability";

type Sort = TopicListQuery["sort"];
const PAGE_SIZE = 50;

export function TopicsTable({ cluster, pollMs }: { cluster: string; pollMs: number }) {
  const [search, setSearch] = useState("");
  const [internal, setInternal] = useState(false);
  const [sort, setSort] = useState<Sort>("name");
  const [dir, setDir] = useState<"asc" | "desc">("asc");
  const [page, setPage] = useState(1);
  const deferredSearch = useDeferredValue(search);
  const query = useTopicsQuery(
    cluster,
    { search: deferredSearch, internal: String(internal), sort, dir, page: String(page), pageSize: String(PAGE_SIZE) },
    pollMs,
  );
  const onSort = (column: Sort, nextDir: "asc" | "desc") => {
    setSort(column);
    setDir(nextDir);
    setPage(1);
  };
  const header = (label: string, column: Sort, numeric = false) => (
    <SortableHeader label={label} column={column} sort={sort} dir={dir} onSort={onSort} numeric={numeric} />
  );

  return (
    <div>
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter topics by name"
          aria-label="Filter topics by name"
          data-testid="topic-search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
          style={{ minWidth: 280 }}
        />
        <label>
          <input type="checkbox" checked={internal} onChange={(event) => setInternal(event.target.checked)} /> Show internal topics
        </label>
        <span style={{ marginLeft: "auto" }}>
          <UpdatedAt freshness={query.data?.freshness} />
        </span>
      </div>
      <FreshnessBanner freshness={query.data?.freshness} />
      {query.isPending && <TableSkeleton columns={7} />}
      {query.isError && <ErrorState title="Topics are unavailable" error={query.error} />}
      {query.data && query.data.total === 0 && (
        <EmptyState>{search ? `No topic matches “${search}”.` : "This cluster has no topics yet."}</EmptyState>
      )}
      {query.data && query.data.total > 0 && (
        <>
          <table data-testid="topics-table">
            <thead>
              <tr>
                {header("Name", "name")}
                {header("Partitions", "partitions", true)}
                {header("Replication", "replicationFactor", true)}
                {header("Messages/s", "messagesPerSec", true)}
                {header("Retention", "retentionMs", true)}
                {header("Slowest group lag", "maxGroupLag", true)}
              </tr>
            </thead>
            <tbody>
              {query.data.rows.map((row) => (
                <tr key={row.name} data-testid={`topic-row-${row.name}`}>
                  <td>
                    <Link href={topicPageHref(cluster, row.name)}>{row.name}</Link>
                    {row.internal && <span className="badge subtle" style={{ marginLeft: 6 }}>internal</span>}
                    {row.underReplicatedPartitions > 0 && (
                      <span className="badge status-WARNING" style={{ marginLeft: 6 }}>
                        {row.underReplicatedPartitions} under-replicated
                      </span>
                    )}
                  </td>
                  <td className="num">{row.partitions}</td>
                  <td className="num">{row.replicationFactor}</td>
                  <td className="num">{formatRate(row.messagesPerSec)}</td>
                  <td className="num">{formatRetention(row.retentionMs)}</td>
                  <td className="num" title={row.slowestGroup ?? undefined}>
                    {row.maxGroupLag === null ? <span className="subtle">no readers</span> : formatCount(row.maxGroupLag)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={PAGE_SIZE} total={query.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
