"use client";

import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { useGroupsQuery } from "@/components/groups/use-groups-query";
import { FreshnessBanner, UpdatedAt } from "@/components/ui/freshness-banner";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import { Pager, SortableHeader } from "@/components/ui/sortable-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { groupPageHref } from "@/lib/page-urls";
import { TimeLag } from "@/components/groups/time-lag";
import { formatCount, formatRate } from "@/lib/format";
import type { GroupListQuery } from "@/lib/validation/observability";
import type { GroupListResponse } from "@/lib/validation/api/groups";
import { GROUPS_PAGE_SIZE, INITIAL_GROUP_LIST, groupListParams } from "@/components/groups/group-list-params";

type Sort = GroupListQuery["sort"];
const STATUSES = ["", "STOPPED", "STALLED", "REWOUND", "WARNING", "INCOMPLETE", "OK"] as const;

/**
 * `initialPage`: the first page as the server rendered it with the HTML (the rows are on screen
 * before the scripts have loaded); every other page, and each refresh, comes from the list API.
 */
export function GroupsTable({ cluster, pollMs, initialPage }: { cluster: string; pollMs: number; initialPage?: GroupListResponse | null }) {
  const [search, setSearch] = useState(INITIAL_GROUP_LIST.search);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>(INITIAL_GROUP_LIST.status);
  const [sort, setSort] = useState<Sort>(INITIAL_GROUP_LIST.sort);
  const [dir, setDir] = useState<"asc" | "desc">(INITIAL_GROUP_LIST.dir);
  const [page, setPage] = useState(INITIAL_GROUP_LIST.page);
  const deferredSearch = useDeferredValue(search);
  const params = groupListParams({ search: deferredSearch, status, sort, dir, page });
  // Only the query the server answered may start from its rows (another sort or page must not).
  const isInitial = JSON.stringify(params) === JSON.stringify(groupListParams(INITIAL_GROUP_LIST));
  const query = useGroupsQuery(cluster, params, pollMs, isInitial ? (initialPage ?? undefined) : undefined);
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
          placeholder="Filter groups by id"
          aria-label="Filter groups by id"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setPage(1);
          }}
          style={{ minWidth: 280 }}
        />
        <select aria-label="Status" value={status} onChange={(event) => setStatus(event.target.value as typeof status)}>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value === "" ? "Any status" : value}
            </option>
          ))}
        </select>
        <span style={{ marginLeft: "auto" }}>
          <UpdatedAt freshness={query.data?.freshness} />
        </span>
      </div>
      <FreshnessBanner freshness={query.data?.freshness} />
      {query.isPending && <TableSkeleton columns={8} />}
      {query.isError && <ErrorState title="Consumer groups are unavailable" error={query.error} />}
      {query.data && query.data.total === 0 && (
        <EmptyState>{search || status ? "No group matches these filters." : "No consumer groups on this cluster yet."}</EmptyState>
      )}
      {query.data && query.data.total > 0 && (
        <>
          <table data-testid="groups-table">
            <thead>
              <tr>
                {header("Group", "groupId")}
                {header("State", "state")}
                {header("Members", "members", true)}
                <th>Topics</th>
                {header("Lag", "lag", true)}
                {header("Time behind", "timeLagSeconds", true)}
                {header("Status", "status")}
                {header("Consumed", "consumedPerSec", true)}
              </tr>
            </thead>
            <tbody>
              {query.data.rows.map((row) => (
                <tr key={row.groupId} data-testid={`group-row-${row.groupId}`}>
                  <td>
                    <Link href={groupPageHref(cluster, row.groupId)}>{row.groupId}</Link>
                  </td>
                  <td>{row.state}</td>
                  <td className="num">{row.members}</td>
                  <td className="subtle">{row.topics.join(", ") || "—"}</td>
                  <td className="num">{formatCount(row.lag)}</td>
                  <td className="num">
                    <TimeLag seconds={row.timeLagSeconds} estimated={row.timeLagEstimated} testId="group-row-time-lag" />
                  </td>
                  <td>
                    <StatusBadge status={row.status} reason={row.statusReason} />
                  </td>
                  <td className="num">{formatRate(row.consumedPerSec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={GROUPS_PAGE_SIZE} total={query.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
