"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server page with the collector's newest sample, while the tab is visible. */
export function AutoRefresh({ intervalMs }: { intervalMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, Math.max(intervalMs, 2000));
    return () => clearInterval(timer);
  }, [router, intervalMs]);
  return null;
}
