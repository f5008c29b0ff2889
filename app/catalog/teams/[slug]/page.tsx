import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/catalog/audit-history";
import { CatalogUnavailable, DetailsList, ExternalLink, SavedBanner } from "@/components/catalog/catalog-states";
import { DeleteButton } from "@/components/catalog/delete-button";
import { deleteTeamAction } from "@/app/catalog/teams/actions";
import { getDb } from "@/lib/db";
import { listAuditEntries } from "@/lib/catalog/audit";
import { loadCatalog } from "@/lib/catalog/availability";
import { getTeam } from "@/lib/catalog/teams";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Team ${decodeURIComponent((await params).slug)}` };
}

export default async function TeamPage({ params, searchParams }: Props) {
  const slug = decodeURIComponent((await params).slug);
  const { saved } = await searchParams;
  const db = getDb();
  const loaded = await loadCatalog(async () => ({
    team: await getTeam(db, slug),
    audit: await listAuditEntries(db, { entityType: "team", entityKey: slug, limit: 20 }),
  }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { team, audit } = loaded.value;
  if (!team) notFound();

  return (
    <div>
      <div className="page-header">
        <div>
          <h1 data-testid="team-name">{team.name}</h1>
          <span className="subtle mono">{team.slug}</span> <span className="subtle">· version {team.version}</span>
        </div>
        <div className="toolbar">
          <Link href={`/catalog/services/new?team=${encodeURIComponent(team.slug)}`}>New service for this team</Link>
          <Link href={`/catalog/teams/${encodeURIComponent(team.slug)}/edit`}>Edit</Link>
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
          ]}
        />
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
      <h2>History</h2>
      <AuditHistory entries={audit} />
      <h2>Delete</h2>
      <DeleteButton what={`team "${team.slug}"`} remove={deleteTeamAction.bind(null, null, { slug: team.slug, version: team.version })} />
    </div>
  );
}
