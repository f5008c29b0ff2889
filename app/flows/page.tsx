import { notFound } from "next/navigation";
import { FlowExplorer } from "@/components/flow/flow-explorer";
import { findCluster, getConfig } from "@/lib/env";
import { getFlowResponse, isBenchModeEnabled, type FlowResponse } from "@/lib/flow/get-flow-response";

export const dynamic = "force-dynamic";
export const metadata = { title: "Flows" };

type SearchParams = { cluster?: string; focus?: string; synthetic?: string };

export default async function FlowsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const cluster = findCluster(params.cluster);
  if (!cluster) notFound();
  const synthetic = isBenchModeEnabled() && params.synthetic ? params.synthetic : null;
  // The first graph comes with the page, so it draws without waiting for a client round trip;
  // if it cannot be built here, the client's query shows the error and keeps retrying.
  let initialData: FlowResponse | null = null;
  try {
    initialData = await getFlowResponse(cluster.name, { synthetic });
  } catch (error) {
    console.warn(`[flows] first graph not rendered on the server: ${String(error)}`);
  }
  return (
    <FlowExplorer
      key={`${cluster.name}:${synthetic ?? ""}`}
      cluster={cluster.name}
      pollMs={getConfig().collectorIntervalMs}
      synthetic={synthetic}
      initialData={initialData}
      initialFocus={params.focus ?? null}
    />
  );
}
