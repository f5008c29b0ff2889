import { notFound } from "next/navigation";
import { Suspense } from "react";
import { TopicDetail } from "@/components/topics/topic-detail";
import { TopicCatalogPanel } from "@/components/catalog/topic-catalog-panel";
import { findCluster, getConfig } from "@/lib/env";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ topic: string }>; searchParams: Promise<{ cluster?: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: decodeURIComponent((await params).topic) };
}

export default async function TopicPage({ params, searchParams }: Props) {
  const cluster = findCluster((await searchParams).cluster);
  if (!cluster) notFound();
  const topic = decodeURIComponent((await params).topic);
  return (
    <TopicDetail
      cluster={cluster.name}
      topic={topic}
      pollMs={getConfig().collectorIntervalMs}
      catalog={
        <Suspense fallback={<div className="card skeleton" style={{ height: 80, marginTop: "1rem" }} />}>
          <TopicCatalogPanel cluster={cluster.name} topic={topic} />
        </Suspense>
      }
    />
  );
}
