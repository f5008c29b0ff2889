import "server-only";
// The catalog side of a service's observed produce edges; the sample comes from the snapshots in memory.
import type { ClusterSnapshot } from "@/lib/collector/types";
import type { CatalogDb } from "@/lib/catalog/records";
import { describeServiceProduceEdges, type ServiceProduceEdge } from "@/lib/flow/service-produce-edges";

export async function listServiceProduceEdges(db: CatalogDb, slug: string, snapshots: ClusterSnapshot[]): Promise<ServiceProduceEdge[]> {
  if (snapshots.length === 0) return [];
  const [services, flows] = await Promise.all([
    db.service.findMany({ orderBy: { slug: "asc" }, select: { slug: true, producerHeaderValues: true } }),
    db.declaredFlow.findMany({
      where: { direction: "produces" },
      select: { service: { select: { slug: true } }, contract: { select: { cluster: true, topic: true } } },
    }),
  ]);
  return describeServiceProduceEdges({
    slug,
    services,
    declaredProduces: flows.map((flow) => ({ serviceSlug: flow.service.slug, cluster: flow.contract.cluster, topic: flow.contract.topic })),
    snapshots,
  });
}
