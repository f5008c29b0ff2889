import Link from "next/link";
import { notFound } from "next/navigation";
import { AlertHistory } from "@/components/alerts/alert-history";
import { NotificationsTable } from "@/components/alerts/notifications-table";
import { TeamAlertSettings } from "@/components/alerts/team-alert-settings";
import { CatalogUnavailable } from "@/components/catalog/catalog-states";
import { pageCan, requirePagePrincipal } from "@/lib/auth/page";
import { listTeamDeliveries } from "@/lib/alerts/channels";
import { loadCatalog } from "@/lib/catalog/availability";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ team: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Alerts of ${decodeURIComponent((await params).team)}` };
}

export default async function TeamAlertsPage({ params }: Props) {
  const team = decodeURIComponent((await params).team);
  await requirePagePrincipal(`/alerts/teams/${encodeURIComponent(team)}`);
  const loaded = await loadCatalog(async () => ({
    exists: (await getDb().team.count({ where: { slug: team } })) > 0,
    deliveries: await listTeamDeliveries(getDb(), team, 20),
  }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  if (!loaded.value.exists) notFound();
  const canEdit = await pageCan({ kind: "alerts.write", team });
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Alerts of {team}</h1>
          <span className="subtle">{canEdit ? "You can edit this team's rules and channels." : "Only this team's editors and admins can change these."}</span>
        </div>
        <div className="toolbar">
          <Link href={`/catalog/teams/${encodeURIComponent(team)}`}>Team</Link>
          <Link href={`/alerts?team=${encodeURIComponent(team)}`}>Alerts</Link>
        </div>
      </div>
      <TeamAlertSettings team={team} canEdit={canEdit} />
      <h2>Delivery log</h2>
      <NotificationsTable notifications={loaded.value.deliveries} showAlert />
      <AlertHistory filter={{ team }} title="Alert history" />
    </div>
  );
}
