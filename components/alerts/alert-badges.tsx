import type { AlertView } from "@/lib/validation/api/alerts";

const SEVERITY_CLASS: Record<string, string> = { critical: "status-STOPPED", warning: "status-WARNING", info: "status-INCOMPLETE" };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span className={`badge ${SEVERITY_CLASS[severity] ?? ""}`} data-testid="alert-severity">
      {severity}
    </span>
  );
}

/** firing / pending / resolved, and "silenced" when an active silence mutes a live alert. */
export function AlertStateBadge({ alert }: { alert: Pick<AlertView, "state" | "silenced"> }) {
  const label = alert.silenced ? "silenced" : alert.state;
  const className = label === "firing" ? "status-STOPPED" : label === "pending" ? "status-WARNING" : label === "resolved" ? "status-OK" : "status-INCOMPLETE";
  return (
    <span className={`badge ${className}`} data-testid="alert-state" data-state={label}>
      {label}
    </span>
  );
}
