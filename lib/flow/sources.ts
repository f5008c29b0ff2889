import "server-only";
// Thin adapters that fetch the flow builder's inputs. The builder itself only sees plain types.
import { getClusterState } from "@/lib/collector";
import { getDb } from "@/lib/db";
import { toObservedProducers } from "@/lib/flow/producers";
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
        producerHeaderValues: true,
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
      producerHeaderValues: service.producerHeaderValues,
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
 * Producers seen per topic over the collector's producer window, by the producer header
 * (`getConfig().flowProducerHeader`, default "x-producer"): header value → records sampled, the
 * null key counting records without the header. Read from the latest snapshot in memory (never
 * waits on Kafka); empty before the first sample. The builder maps values to services.
 */
export function loadObservedProducers(cluster: string): ObservedProducers {
  return toObservedProducers(getClusterState(cluster)?.snapshot?.producers ?? []);
}
