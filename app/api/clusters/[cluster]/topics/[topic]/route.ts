import { notFound } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { apiRoute, routeMethods } from "@/lib/api/route";
import { getTopic, listTopicReaders } from "@/lib/collector/queries";
import { getTopicConfigs } from "@/lib/collector";
import { getTopicConformance, getTopicProducers } from "@/lib/flow/topic-producers";
import { topicParamsSchema } from "@/lib/validation/api/params";
import { topicDetailResponseSchema } from "@/lib/validation/api/topics";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ params: topicParamsSchema, response: topicDetailResponseSchema }, async ({ params }) => {
    const { state, snapshot, freshness } = requireSnapshot(params.cluster);
    const topic = getTopic(snapshot, params.topic);
    if (!topic) throw notFound(`topic "${params.topic}"`);
    // Configs come from the collector's periodic read, like everything else on the page.
    const entries = getTopicConfigs(state.cluster, params.topic);
    const configs = { entries: entries ?? [], error: entries ? null : "configs not read yet: they appear after the next sample" };
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
      conformance: getTopicConformance(snapshot, params.topic),
    };
  }),
});
