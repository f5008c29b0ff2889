import { Suspense } from "react";
import { TopicDetail } from "@/components/topics/topic-detail";
import { TopicCatalogPanel } from "@/components/catalog/topic-catalog-panel";
import { AlertHistory } from "@/components/alerts/alert-history";
import { getConfig } from "@/lib/env";
import { pageCan } from "@/lib/auth/page";
import { requireObserved, resolveCluster, resolveName } from "@/app/clusters/[cluster]/page-params";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ cluster: string; topic: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: await resolveName(params, "topic") };
}

export default async function TopicPage({ params }: Props) {
  await requireSignedIn();
  const cluster = await resolveCluster(params);
  const topic = await resolveName(params, "topic");
  requireObserved(cluster.name, "topic", topic);
  return (
    <>
    <TopicDetail
      cluster={cluster.name}
      topic={topic}
      pollMs={getConfig().collectorIntervalMs}
      producerHeader={getConfig().flowProducerHeader}
      canReadMessages={await pageCan({ kind: "messages.read" })}
      catalog={
        <Suspense fallback={<div className="card skeleton" style={{ height: 80, marginTop: "1rem" }} />}>
          <TopicCatalogPanel cluster={cluster.name} topic={topic} />
        </Suspense>
      }
    />
    <AlertHistory filter={{ cluster: cluster.name, topic }} />
    </>
  );
}
