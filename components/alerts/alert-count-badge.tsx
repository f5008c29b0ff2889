"use client";

import { useAlertCountQuery } from "@/components/alerts/use-alerts-query";

/** The navigation's count of firing alerts (silenced ones left out); nothing while there are none. */
export function AlertCountBadge() {
  const query = useAlertCountQuery();
  const firing = query.data?.firing ?? 0;
  if (firing === 0) return null;
  return (
    <span className="badge status-STOPPED" data-testid="nav-alert-count" title={`${firing} firing, ${query.data?.pending ?? 0} pending`} style={{ marginLeft: 6 }}>
      {firing}
    </span>
  );
}
