import Link from "next/link";
import { AutoRefresh } from "@/components/catalog/auto-refresh";
import { CatalogUnavailable, LiveDataNotice } from "@/components/catalog/catalog-states";
import { groupPageHref } from "@/lib/page-urls";
import { EmptyState } from "@/components/ui/states";
import { StatusBadge } from "@/components/ui/status-badge";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { loadCatalog } from "@/lib/catalog/availability";
import { findUndocumentedGroups } from "@/lib/catalog/live-lists";
import { formatCount, formatDuration } from "@/lib/format";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Undocumented consumer groups" };

export default async function UndocumentedGroupsPage() {
  await requireSignedIn();
  const loaded = await loadCatalog(() => findUndocumentedGroups(getDb()));
  return (
    <div>
      <AutoRefresh intervalMs={getConfig().collectorIntervalMs} />
      <div className="page-header">
        <div>
          <h1>Undocumented consumer groups</h1>
          <p className="subtle">
            Live consumer groups that no service lists among its consumer group ids: something reads these topics and the catalog does not know
            what.
          </p>
        </div>
      </div>
      {!loaded.ok && <CatalogUnavailable reason={loaded.reason} />}
      {loaded.ok &&
        loaded.value.map((section) => (
          <section key={section.cluster} data-testid={`undocumented-groups-${section.cluster}`}>
            {loaded.value.length > 1 && <h2>Cluster {section.cluster}</h2>}
            <LiveDataNotice cluster={section.cluster} state={{ ...section, hasSnapshot: section.items !== null }} />
            {section.items !== null && section.items.length === 0 && <EmptyState>Every consumer group on {section.cluster} belongs to a service.</EmptyState>}
            {section.items !== null && section.items.length > 0 && (
              <table data-testid="undocumented-groups-table">
                <thead>
                  <tr>
                    <th>Group</th>
                    <th>Reads</th>
                    <th>State</th>
                    <th>Status</th>
                    <th className="num">Lag</th>
                    <th className="num">Time lag</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {section.items.map((group) => (
                    <tr key={group.groupId} data-testid={`undocumented-group-${group.groupId}`}>
                      <td>
                        <Link href={groupPageHref(section.cluster, group.groupId)} className="mono">
                          {group.groupId}
                        </Link>
                      </td>
                      <td className="mono">{group.topics.map((topic) => topic.topic).join(", ") || "—"}</td>
                      <td>{group.state}</td>
                      <td>
                        <StatusBadge status={group.status} reason={group.statusReason} />
                      </td>
                      <td className="num">{formatCount(group.lag)}</td>
                      <td className="num">{formatDuration(group.timeLagSeconds)}</td>
                      <td>
                        <Link href="/catalog/services">Add it to a service</Link>
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
