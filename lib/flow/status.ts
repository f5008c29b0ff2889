import type { GroupStatus } from "@/lib/collector/types";

// INCOMPLETE only means the sliding window is not full yet, so it ranks just above OK.
const SEVERITY: Record<GroupStatus, number> = {
  OK: 0,
  INCOMPLETE: 1,
  WARNING: 2,
  REWOUND: 3,
  STALLED: 4,
  STOPPED: 5,
};

/** The worse of two statuses; null counts as "no status" and loses to any status. */
export function pickWorstStatus(a: GroupStatus | null, b: GroupStatus | null): GroupStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Statuses that mean a consumer needs attention (drift list, red or amber edges). */
export function isUnhealthyStatus(status: GroupStatus | null): boolean {
  return status === "WARNING" || status === "STALLED" || status === "STOPPED" || status === "REWOUND";
}

export function getStatusSeverity(status: GroupStatus | null): number {
  return status === null ? -1 : SEVERITY[status];
}
