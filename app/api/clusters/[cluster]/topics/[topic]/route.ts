import { notFound } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { protectViolations } from "@/lib/auth/message-access";
import { requirePermission } from "@/lib/auth/require";
import type { Principal } from "@/lib/auth/types";
import { getDb } from "@/lib/db";
import { getTopic, listTopicReaders } from "@/lib/collector/queries";
import { getTopicConfigs } from "@/lib/collector";
import { getTopicConformance, getTopicProducers } from "@/lib/flow/topic-producers";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { topicDetailResponseSchema, type TopicConformanceView } from "@/lib/validation/api/topics";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: topicParamsSchema, response: topicDetailResponseSchema }, async ({ params, principal }) => {
    const reader = requirePermission(principal, { kind: "catalog.read" });
    const { state, snapshot, freshness } = requireSnapshot(params.cluster);
    const topic = getTopic(snapshot, params.topic);
    if (!topic) throw notFound(`topic "${params.topic}"`);
    // Configs come from the collector's periodic read (saved in the database), like everything else on the page.
    const entries = await getTopicConfigs(state.cluster, params.topic).catch(() => undefined);
    const configs = {
      entries: entries ?? [],
      error: entries ? null : entries === null ? "configs not read yet: they appear after the next sample" : "the database cannot be read: configs are not shown",
    };
    // The rest of the page does not need the catalog: without it, only the producers are missing.
    const producers = await getTopicProducers(snapshot, params.topic).catch((error: unknown) => {
      console.error("[topics] catalog unreadable for producers", error);
      return null;
    });
    return {
      freshness,
      topic,
      readers: listTopicReaders(snapshot, params.topic),
      configs,
      producers,
      producersError: producers ? null : "the catalog database cannot be read: producers cannot be matched to services",
      conformance: await protectConformance(reader, snapshot.cluster, params.topic, getTopicConformance(snapshot, params.topic)),
    };
  }),
});

/** Sampled violation values are record contents: hidden or masked as the reader's permissions say. */
async function protectConformance(reader: Principal, cluster: string, topic: string, conformance: TopicConformanceView | null) {
  if (!conformance) return null;
  return { ...conformance, latestViolations: await protectViolations(getDb(), reader, cluster, topic, conformance.latestViolations) };
}
