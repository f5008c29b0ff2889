import { Suspense } from "react";
import { TopicDetail } from "@/components/topics/topic-detail";
import { TopicCatalogPanel } from "@/components/catalog/topic-catalog-panel";
import { getConfig } from "@/lib/env";
import { requireObserved, resolveCluster, resolveName } from "@/app/clusters/[cluster]/page-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ cluster: string; topic: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: await resolveName(params, "topic") };
}

export default async function TopicPage({ params }: Props) {
  const cluster = await resolveCluster(params);
  const topic = await resolveName(params, "topic");
  requireObserved(cluster.name, "topic", topic);
  return (
    <TopicDetail
      cluster={cluster.name}
      topic={topic}
      pollMs={getConfig().collectorIntervalMs}
      producerHeader={getConfig().flowProducerHeader}
      catalog={
        <Suspense fallback={<div className="card skeleton" style={{ height: 80, marginTop: "1rem" }} />}>
          <TopicCatalogPanel cluster={cluster.name} topic={topic} />
        </Suspense>
      }
    />
  );
}
