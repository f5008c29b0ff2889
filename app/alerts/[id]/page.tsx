import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertStateBadge, SeverityBadge } from "@/components/alerts/alert-badges";
import { NotificationsTable } from "@/components/alerts/notifications-table";
import { CatalogUnavailable, DetailsList } from "@/components/catalog/catalog-states";
import { requirePagePrincipal } from "@/lib/auth/page";
import { getAlertDetail } from "@/lib/alerts/queries";
import { loadCatalog } from "@/lib/catalog/availability";
import { getDb } from "@/lib/db";
import { groupPageHref, topicPageHref } from "@/lib/page-urls";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alert" };

type Props = { params: Promise<{ id: string }> };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AlertPage({ params }: Props) {
  const { id } = await params;
  await requirePagePrincipal(`/alerts/${encodeURIComponent(id)}`);
  if (!UUID.test(id)) notFound();
  const loaded = await loadCatalog(() => getAlertDetail(getDb(), id));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  if (!loaded.value) notFound();
  const { alert, notifications } = loaded.value;
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "—");
  return (
    <div>
      <div className="page-header">
        <div>
          <h1 data-testid="alert-title">{alert.ruleName}</h1>
          <AlertStateBadge alert={alert} /> <SeverityBadge severity={alert.severity} />
        </div>
        <div className="toolbar">
          <Link href="/alerts">All alerts</Link>
        </div>
      </div>
      <div className="card">
        <p data-testid="alert-summary">{alert.summary}</p>
        <DetailsList
          items={[
            ["Team", alert.team && <Link href={`/alerts/teams/${encodeURIComponent(alert.team)}`}>{alert.team}</Link>],
            ["Service", alert.service],
            ["Cluster", alert.cluster],
            ["Consumer group", alert.groupId && <Link href={groupPageHref(alert.cluster, alert.groupId)}>{alert.groupId}</Link>],
            ["Topic", alert.topic && <Link href={topicPageHref(alert.cluster, alert.topic)}>{alert.topic}</Link>],
            ["Rule", <span key="rule" className="mono">{alert.rule}</span>],
            ["Pending since", time(alert.startedAt)],
            ["Firing since", time(alert.firingAt)],
            ["Resolved", time(alert.resolvedAt)],
            ["Acknowledged", alert.acknowledgedBy && `${alert.acknowledgedBy} at ${time(alert.acknowledgedAt)}`],
          ]}
        />
      </div>
      <h2>Notifications</h2>
      <NotificationsTable notifications={notifications} />
    </div>
  );
}
