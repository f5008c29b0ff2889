import type { ReactNode } from "react";

/** Grey bars shaped like a table while its data loads. */
export function TableSkeleton({ rows = 6, columns = 5 }: { rows?: number; columns?: number }) {
  return (
    <table aria-busy="true" data-testid="table-skeleton">
      <tbody>
        {Array.from({ length: rows }, (_, row) => (
          <tr key={row}>
            {Array.from({ length: columns }, (_, column) => (
              <td key={column}>
                <div className="skeleton" style={{ width: column === 0 ? "70%" : "50%" }} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ErrorState({ title, error, hint }: { title: string; error: unknown; hint?: ReactNode }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="banner danger" role="alert" data-testid="error-state">
      <strong>{title}</strong>
      <div>{message}</div>
      {hint && <div style={{ marginTop: 6 }}>{hint}</div>}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="empty card" data-testid="empty-state">
      {children}
    </div>
  );
}
