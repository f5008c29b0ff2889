"use client";

export function SortableHeader<K extends string>({
  label,
  column,
  sort,
  dir,
  onSort,
  numeric,
}: {
  label: string;
  column: K;
  sort: K;
  dir: "asc" | "desc";
  onSort: (column: K, dir: "asc" | "desc") => void;
  numeric?: boolean;
}) {
  const active = sort === column;
  return (
    <th className={numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className="secondary"
        style={{ border: "none", padding: 0, textTransform: "inherit", fontWeight: 600, color: "inherit" }}
        onClick={() => onSort(column, active && dir === "desc" ? "asc" : active ? "desc" : numeric ? "desc" : "asc")}
      >
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );
}

export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <span className="subtle">
        {total === 0 ? "0" : `${(page - 1) * pageSize + 1}–${Math.min(total, page * pageSize)}`} of {total}
      </span>
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </div>
  );
}
