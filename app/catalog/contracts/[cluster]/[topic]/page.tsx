import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditHistory } from "@/components/catalog/audit-history";
import { CatalogUnavailable, DetailsList, LiveDataNotice, SavedBanner } from "@/components/catalog/catalog-states";
import { DeclaredParties, SchemaHistory, TopicReadersTable } from "@/components/catalog/contract-sections";
import { DeleteButton } from "@/components/catalog/delete-button";
import styles from "@/components/catalog/catalog.module.css";
import { topicPageHref } from "@/lib/page-urls";
import { deleteContractAction } from "@/app/catalog/contracts/actions";
import { getDb } from "@/lib/db";
import { pageCan } from "@/lib/auth/page";
import { listAuditEntries } from "@/lib/catalog/audit";
import { loadCatalog } from "@/lib/catalog/availability";
import { readLiveStates } from "@/lib/catalog/live";
import { listTopicReaders } from "@/lib/catalog/live-join";
import { getContractDetail, listLiveJoinKeys } from "@/lib/catalog/queries";
import { formatCount, formatDuration, formatRate, formatRetention } from "@/lib/format";
import { requireSignedIn } from "@/lib/auth/page";

export const dynamic = "force-dynamic";
type Props = { params: Promise<{ cluster: string; topic: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: `Contract ${decodeURIComponent((await params).topic)}` };
}

export default async function ContractPage({ params, searchParams }: Props) {
  await requireSignedIn();
  const raw = await params;
  const cluster = decodeURIComponent(raw.cluster);
  const topic = decodeURIComponent(raw.topic);
  const { saved } = await searchParams;
  const db = getDb();
  const loaded = await loadCatalog(async () => ({
    contract: await getContractDetail(db, cluster, topic),
    keys: await listLiveJoinKeys(db),
    audit: await listAuditEntries(db, { entityType: "contract", entityKey: `${cluster}/${topic}`, limit: 20 }),
  }));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const { contract, keys, audit } = loaded.value;
  if (!contract) notFound();

  const state = readLiveStates().find((candidate) => candidate.cluster === cluster) ?? null;
  const liveTopic = state?.snapshot?.topics.find((candidate) => candidate.name === topic) ?? null;
  const readers = state?.snapshot ? listTopicReaders(state.snapshot, topic, keys.services, contract.lagObjectiveSec) : [];
  const canEdit = await pageCan({ kind: "contract.write", team: contract.ownerInfo.team.slug });
  const editHref = `/catalog/contracts/${encodeURIComponent(cluster)}/${encodeURIComponent(topic)}/edit`;

  return (
    <div>
      <div className="page-header">
        <div>
          <h1 className="mono" data-testid="contract-topic">{contract.topic}</h1>
          <span className="subtle">cluster {contract.cluster} · version {contract.version}</span>
        </div>
        <div className="toolbar">
          {liveTopic && <Link href={topicPageHref(cluster, topic)}>Live topic</Link>}
          {canEdit && <Link href={editHref}>Edit</Link>}
        </div>
      </div>
      <SavedBanner show={saved === "1"}>Saved.</SavedBanner>
      <div className="card">
        <DetailsList
          items={[
            ["Description", contract.description],
            ["Owner", <Link key="owner" href={`/catalog/services/${encodeURIComponent(contract.owner)}`}>{contract.ownerInfo.name}</Link>],
            ["Team", <Link key="team" href={`/catalog/teams/${encodeURIComponent(contract.ownerInfo.team.slug)}`}>{contract.ownerInfo.team.name}</Link>],
            ["Compatibility", contract.compatibility],
            ["Classification", contract.classification],
            ["Partitions", `${contract.partitions ?? "—"} expected${liveTopic ? `, ${liveTopic.partitionCount} live` : ""}`],
            ["Retention", `${formatRetention(contract.retentionMs)}${liveTopic?.retentionMs != null ? ` (live: ${formatRetention(liveTopic.retentionMs)})` : ""}`],
            ["Lag objective", contract.lagObjectiveSec === null ? null : `${formatDuration(contract.lagObjectiveSec)} behind at most`],
            ["Live throughput", liveTopic ? `${formatRate(liveTopic.messagesPerSec)} · ${formatCount(liveTopic.messageCount)} messages retained` : null],
          ]}
        />
      </div>
      <h2>Declared producers and consumers</h2>
      <div className={styles.columns}>
        <DeclaredParties title="Produced by" parties={contract.producers} testId="contract-producers" />
        <DeclaredParties title="Consumed by" parties={contract.consumers} testId="contract-consumers" />
      </div>
      <h2>Live consumers</h2>
      <LiveDataNotice cluster={cluster} state={state ? { stale: state.stale, ageSeconds: state.ageSeconds, lastError: state.lastError, hasSnapshot: state.snapshot !== null, collectorDown: state.collector.down } : null} />
      {state?.snapshot && !liveTopic && <div className="banner warning">Topic {topic} does not exist on cluster {cluster}.</div>}
      {state?.snapshot && <TopicReadersTable cluster={cluster} readers={readers} lagObjectiveSec={contract.lagObjectiveSec} />}
      <h2>Value schema</h2>
      <SchemaHistory versions={contract.schemaVersions} />
      {contract.exampleMessage !== null && (
        <>
          <h2>Example message</h2>
          <pre data-testid="example-message">{JSON.stringify(contract.exampleMessage, null, 2)}</pre>
        </>
      )}
      <h2>History</h2>
      <AuditHistory entries={audit} />
      {canEdit && (
        <>
          <h2>Delete</h2>
          <DeleteButton
            what={`contract ${cluster}/${topic}`}
            consequence="Its schema history and the flows services declared on it go with it."
            remove={deleteContractAction.bind(null, null, { key: { cluster, topic }, version: contract.version })}
          />
        </>
      )}
    </div>
  );
}
