import type { GroupStatus } from "@/lib/collector/types";

const LABELS: Record<GroupStatus, string> = {
  OK: "OK",
  WARNING: "Warning",
  STALLED: "Stalled",
  STOPPED: "Stopped",
  REWOUND: "Rewound",
  INCOMPLETE: "Warming up",
};

export function StatusBadge({ status, reason }: { status: GroupStatus; reason?: string }) {
  return (
    <span className={`badge status-${status}`} title={reason} data-testid="status-badge" data-status={status}>
      {LABELS[status]}
    </span>
  );
}
