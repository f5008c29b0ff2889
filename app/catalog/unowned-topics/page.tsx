import Link from "next/link";
import { AutoRefresh } from "@/components/catalog/auto-refresh";
import { CatalogUnavailable, LiveDataNotice } from "@/components/catalog/catalog-states";
import { topicPageHref } from "@/lib/page-urls";
import { EmptyState } from "@/components/ui/states";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { loadCatalog } from "@/lib/catalog/availability";
import { findUnownedTopics } from "@/lib/catalog/live-lists";
import { formatCount, formatRate } from "@/lib/format";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Unowned topics" };

export default async function UnownedTopicsPage() {
  await requireSignedIn();
  const loaded = await loadCatalog(() => findUnownedTopics(getDb()));
  return (
    <div>
      <AutoRefresh intervalMs={getConfig().collectorIntervalMs} />
      <div className="page-header">
        <div>
          <h1>Unowned topics</h1>
          <p className="subtle">Topics on the cluster that no contract describes: nobody has said who owns them or what they carry.</p>
        </div>
      </div>
      {!loaded.ok && <CatalogUnavailable reason={loaded.reason} />}
      {loaded.ok &&
        loaded.value.map((section) => (
          <section key={section.cluster} data-testid={`unowned-topics-${section.cluster}`}>
            {loaded.value.length > 1 && <h2>Cluster {section.cluster}</h2>}
            <LiveDataNotice cluster={section.cluster} state={{ ...section, hasSnapshot: section.items !== null }} />
            {section.items !== null && section.items.length === 0 && <EmptyState>Every topic on {section.cluster} has a contract.</EmptyState>}
            {section.items !== null && section.items.length > 0 && (
              <table data-testid="unowned-topics-table">
                <thead>
                  <tr>
                    <th>Topic</th>
                    <th className="num">Partitions</th>
                    <th className="num">Throughput</th>
                    <th className="num">Messages</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {section.items.map((topic) => (
                    <tr key={topic.name}>
                      <td>
                        <Link href={topicPageHref(section.cluster, topic.name)} className="mono">
                          {topic.name}
                        </Link>
                      </td>
                      <td className="num">{topic.partitionCount}</td>
                      <td className="num">{formatRate(topic.messagesPerSec)}</td>
                      <td className="num">{formatCount(topic.messageCount)}</td>
                      <td>
                        <Link href={`/catalog/contracts/new?cluster=${encodeURIComponent(section.cluster)}&topic=${encodeURIComponent(topic.name)}`}>
                          Write its contract
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))}
    </div>
  );
}
