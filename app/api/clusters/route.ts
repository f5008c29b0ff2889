import { NextResponse } from "next/server";
import { getConfig, toPublicCluster } from "@/lib/env";
import { getClusterState } from "@/lib/collector";
import { withErrors } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

/** Configured clusters without credentials, with how fresh their data is. */
export const GET = withErrors(async () => {
  const clusters = getConfig().clusters.map((cluster) => {
    const state = getClusterState(cluster.name)!;
    return {
      ...toPublicCluster(cluster),
      clusterId: state.snapshot?.clusterId ?? null,
      sampledAt: state.snapshot?.sampledAt ?? null,
      stale: state.stale,
      lastError: state.lastError,
    };
  });
  return NextResponse.json({ clusters });
});
