import { NextResponse } from "next/server";
import { notFound, withErrors } from "@/lib/api/errors";
import { requireSnapshot } from "@/lib/api/cluster-state";
import { getTopic, listTopicReaders } from "@/lib/collector/queries";
import { getTopicConfigs } from "@/lib/collector";
import { topicNameSchema } from "@/lib/validation/observability";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ cluster: string; topic: string }> };

export const GET = withErrors(async (_request: Request, context: Context) => {
  const params = await context.params;
  const topicName = topicNameSchema.parse(decodeURIComponent(params.topic));
  const { snapshot, freshness } = requireSnapshot(params.cluster);
  const topic = getTopic(snapshot, topicName);
  if (!topic) throw notFound(`topic "${topicName}"`);
  // Configs come from the collector's periodic read, like everything else on the page.
  const entries = getTopicConfigs(params.cluster, topicName);
  const configs = { entries: entries ?? [], error: entries ? null : "configs not read yet: they appear after the next sample" };
  return NextResponse.json({ freshness, topic, readers: listTopicReaders(snapshot, topicName), configs });
});
