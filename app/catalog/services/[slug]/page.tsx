import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/catalog/audit-history";
import { AutoRefresh } from "@/components/catalog/auto-refresh";
import { CatalogUnavailable, DetailsList, ExternalLink, LiveDataNotice, SavedBanner, Tags } from "@/components/catalog/catalog-states";
import { DeleteButton } from "@/components/catalog/delete-button";
import { ServiceGroupsTable, ServiceTopicsTable } from "@/components/catalog/service-live-tables";
import { ServiceProduceEdgesTable } from "@/components/catalog/service-produce-edges";
import { deleteServiceAction } from "@/app/catalog/services/actions";
import { getDb } from "@/lib/db";
import { pageCan } from "@/lib/auth/page";
import { getConfig } from "@/lib/env";
import { listAuditEntries } from "@/lib/catalog/audit";
import { loadCatalog } from "@/lib/catalog/availability";
import { readLiveStates } from "@/lib/catalog/live";
import { summarizeServiceLive } from "@/lib/catalog/live-join";
import { getServiceDetail, listLiveJoinKeys } from "@/lib/catalog/queries";
import { listServiceProduceEdges } from "@/lib/catalog/service-producers";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Service ${decodeURIComponent((await params).slug)}` };
}

export default async function ServicePage({ params, searchParams }: Props) {
  await requireSignedIn();
  const slug = decodeURIComponent((await params).slug);
  const { saved } = await searchParams;
  const db = getDb();
  const states = readLiveStates();
  const snapshots = states.flatMap((state) => (state.snapshot ? [state.snapshot] : []));
  const loaded = await loadCatalog(async () => ({
    service: await getServiceDetail(db, slug),
    keys: await listLiveJoinKeys(db),
    audit: await listAuditEntries(db, { entityType: "service", entityKey: slug, limit: 20 }),
    produceEdges: await listServiceProduceEdges(db, slug, snapshots),
  }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { service, keys, audit, produceEdges } = loaded.value;
  if (!service) notFound();

  const live = summarizeServiceLive(service, service.topics, states, keys.contracts);
  const clusters = [
    ...new Set([
      ...service.topics.map((topic) => topic.cluster),
      ...produceEdges.map((edge) => edge.cluster),
      ...(service.consumerGroups.length > 0 ? states.map((state) => state.cluster) : []),
    ]),
  ];
  const canEdit = await pageCan({ kind: "service.write", team: service.team });
  const asyncApi = `/api/catalog/services/${encodeURIComponent(service.slug)}/asyncapi`;

  return (
    <div>
      <AutoRefresh intervalMs={getConfig().collectorIntervalMs} />
      <div className="page-header">
        <div>
          <h1 data-testid="service-name">{service.name}</h1>
          <span className="subtle mono">{service.slug}</span> <span className="subtle">· version {service.version}</span>
        </div>
        <div className="toolbar">
          <a href={asyncApi}>AsyncAPI (YAML)</a>
          <a href={`${asyncApi}?format=json`}>AsyncAPI (JSON)</a>
          {canEdit && <Link href={`/catalog/services/${encodeURIComponent(service.slug)}/edit`}>Edit</Link>}
        </div>
      </div>
      <SavedBanner show={saved === "1"}>Saved.</SavedBanner>
      <div className="card" data-testid="service-details">
        <DetailsList
          items={[
            ["Description", service.description],
            ["Team", <Link key="team" href={`/catalog/teams/${encodeURIComponent(service.team)}`}>{service.teamInfo.name}</Link>],
            ["Contact", [service.teamInfo.email, service.teamInfo.chatChannel].filter(Boolean).join(" · ")],
            ["Tier", service.tier],
            ["Lifecycle", service.lifecycle],
            ["Repository", <ExternalLink key="repo" href={service.repositoryUrl} />],
            ["Runbook", <ExternalLink key="runbook" href={service.runbookUrl} />],
            ["Tags", <Tags key="tags" values={service.tags} />],
            ["Consumer groups", <Tags key="groups" values={service.consumerGroups} />],
            [
              "Producer header values",
              service.producerHeaderValues.length > 0 ? <Tags key="producers" values={service.producerHeaderValues} /> : <span key="producers" className="subtle">{service.slug} (the slug, by default)</span>,
            ],
          ]}
        />
      </div>
      {clusters.map((cluster) => {
        const state = states.find((candidate) => candidate.cluster === cluster);
        return (
          <LiveDataNotice
            key={cluster}
            cluster={cluster}
            state={state ? { stale: state.stale, ageSeconds: state.ageSeconds, lastError: state.lastError, hasSnapshot: state.snapshot !== null, collectorDown: state.collector.down } : null}
          />
        );
      })}
      <h2>Topics</h2>
      <ServiceTopicsTable rows={live.topics} />
      <h2>Produces (observed)</h2>
      <ServiceProduceEdgesTable rows={produceEdges} header={getConfig().flowProducerHeader} />
      <h2>Consumer groups</h2>
      <ServiceGroupsTable rows={live.groups} />
      <h2>History</h2>
      <AuditHistory entries={audit} />
      {canEdit && (
        <>
          <h2>Delete</h2>
          <DeleteButton
            what={`service "${service.slug}"`}
            consequence={service.flows.length > 0 ? `Its ${service.flows.length} declared flow(s) go with it.` : undefined}
            remove={deleteServiceAction.bind(null, null, { slug: service.slug, version: service.version })}
          />
        </>
      )}
    </div>
  );
}
