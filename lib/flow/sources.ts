import "server-only";
// Thin adapters that fetch the flow builder's inputs. The builder itself only sees plain types.
import { getDb } from "@/lib/db";
import type { FlowCatalog, ObservedProducers } from "@/lib/flow/types";

/** The catalog side of one cluster: all services (a service can act on any cluster), this
 * cluster's contracts, and the declared flows on those contracts. */
export async function loadFlowCatalog(cluster: string): Promise<FlowCatalog> {
  const db = getDb();
  const [services, contracts] = await Promise.all([
    db.service.findMany({
      orderBy: { slug: "asc" },
      select: {
        slug: true,
        name: true,
        tier: true,
        tags: true,
        consumerGroups: true,
        team: { select: { slug: true, name: true } },
      },
    }),
    db.topicContract.findMany({
      where: { cluster },
      orderBy: { topic: "asc" },
      select: {
        cluster: true,
        topic: true,
        lagObjectiveSec: true,
        ownerService: { select: { slug: true } },
        flows: { select: { direction: true, service: { select: { slug: true } } } },
      },
    }),
  ]);
  return {
    services: services.map((service) => ({
      slug: service.slug,
      name: service.name,
      teamSlug: service.team.slug,
      teamName: service.team.name,
      tier: service.tier,
      tags: service.tags,
      consumerGroups: service.consumerGroups,
    })),
    contracts: contracts.map((contract) => ({
      cluster: contract.cluster,
      topic: contract.topic,
      ownerServiceSlug: contract.ownerService.slug,
      lagObjectiveSec: contract.lagObjectiveSec,
    })),
    flows: contracts.flatMap((contract) =>
      contract.flows.map((flow) => ({ serviceSlug: flow.service.slug, topic: contract.topic, direction: flow.direction })),
    ),
  };
}

/**
 * Producers seen per topic in a sample of recent messages, by the producer header
 * (`getConfig().flowProducerHeader`, default "x-producer").
 *
 * TODO(lead): fill from lib/kafka's producer-header sampling (collector keeps the latest sample
 * per topic; read it here without waiting on Kafka). Until then no topic has samples, so the
 * builder falls back to declared producers and splits each topic's rate evenly between them.
 * Callers `await` the result, so this may become async.
 */
export function loadObservedProducers(cluster: string): ObservedProducers {
  void cluster;
  return new Map();
}
