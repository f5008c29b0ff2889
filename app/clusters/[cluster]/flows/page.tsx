import { FlowExplorer } from "@/components/flow/flow-explorer";
import { getConfig } from "@/lib/env";
import { getFlowResponse, isBenchModeEnabled, type FlowResponse } from "@/lib/flow/get-flow-response";
import { resolveCluster, type ClusterParams } from "@/app/clusters/[cluster]/page-params";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Flows" };

type SearchParams = Promise<{ focus?: string | string[]; synthetic?: string | string[] }>;

/** A repeated query parameter (`?focus=a&focus=b`) keeps its first value rather than crashing the page. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export default async function FlowsPage({ params, searchParams }: { params: ClusterParams; searchParams: SearchParams }) {
  await requireSignedIn();
  const cluster = await resolveCluster(params);
  const query = await searchParams;
  const synthetic = isBenchModeEnabled() ? first(query.synthetic) : null;
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
      initialFocus={first(query.focus)}
    />
  );
}
