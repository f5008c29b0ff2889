import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/catalog/audit-history";
import { CatalogUnavailable, DetailsList, ExternalLink, SavedBanner } from "@/components/catalog/catalog-states";
import { DeleteButton } from "@/components/catalog/delete-button";
import { AlertHistory } from "@/components/alerts/alert-history";
import { ProviderGroupForm } from "@/components/auth/provider-group-form";
import { deleteTeamAction, setProviderGroupAction } from "@/app/catalog/teams/actions";
import { getDb } from "@/lib/db";
import { pageCan } from "@/lib/auth/page";
import { getTeamProviderGroup } from "@/lib/auth/team-groups";
import { listAuditEntries } from "@/lib/catalog/audit";
import { loadCatalog } from "@/lib/catalog/availability";
import { getTeam } from "@/lib/catalog/teams";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Team ${decodeURIComponent((await params).slug)}` };
}

export default async function TeamPage({ params, searchParams }: Props) {
  await requireSignedIn();
  const slug = decodeURIComponent((await params).slug);
  const { saved } = await searchParams;
  const db = getDb();
  const loaded = await loadCatalog(async () => ({
    team: await getTeam(db, slug),
    audit: await listAuditEntries(db, { entityType: "team", entityKey: slug, limit: 20 }),
    providerGroup: (await getTeamProviderGroup(db, slug)) ?? null,
  }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { team, audit, providerGroup } = loaded.value;
  if (!team) notFound();
  const canEditTeam = await pageCan({ kind: "team.write" });
  const canAddService = await pageCan({ kind: "service.write", team: team.slug });

  return (
    <div>
      <div className="page-header">
        <div>
          <h1 data-testid="team-name">{team.name}</h1>
          <span className="subtle mono">{team.slug}</span> <span className="subtle">· version {team.version}</span>
        </div>
        <div className="toolbar">
          {canAddService && <Link href={`/catalog/services/new?team=${encodeURIComponent(team.slug)}`}>New service for this team</Link>}
          {canEditTeam && <Link href={`/catalog/teams/${encodeURIComponent(team.slug)}/edit`}>Edit</Link>}
        </div>
      </div>
      <SavedBanner show={saved === "1"}>Saved.</SavedBanner>
      <div className="card">
        <DetailsList
          items={[
            ["Description", team.description],
            ["Email", team.email && <a href={`mailto:${team.email}`}>{team.email}</a>],
            ["Chat channel", team.chatChannel],
            ["On-call", <ExternalLink key="oncall" href={team.oncallUrl} />],
            ["Provider group", providerGroup && <span key="group" className="mono" data-testid="provider-group">{providerGroup}</span>],
          ]}
        />
        {canEditTeam && <ProviderGroupForm slug={team.slug} providerGroup={providerGroup} save={setProviderGroupAction} />}
      </div>
      <h2>Services</h2>
      {team.services.length === 0 ? (
        <p className="subtle">This team owns no services.</p>
      ) : (
        <ul data-testid="team-services">
          {team.services.map((service) => (
            <li key={service.slug}>
              <Link href={`/catalog/services/${encodeURIComponent(service.slug)}`}>{service.name}</Link>{" "}
              <span className="subtle">
                ({service.tier}, {service.lifecycle})
              </span>
            </li>
          ))}
        </ul>
      )}
      <AlertHistory filter={{ team: team.slug }} />
      <p>
        <Link href={`/alerts/teams/${encodeURIComponent(team.slug)}`}>Alert rules and channels</Link>
      </p>
      <h2>History</h2>
      <AuditHistory entries={audit} />
      {canEditTeam && (
        <>
          <h2>Delete</h2>
          <DeleteButton what={`team "${team.slug}"`} remove={deleteTeamAction.bind(null, null, { slug: team.slug, version: team.version })} />
        </>
      )}
    </div>
  );
}
