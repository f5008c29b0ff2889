import Link from "next/link";
import styles from "@/components/catalog/catalog.module.css";
import { CatalogUnavailable, DetailsList } from "@/components/catalog/catalog-states";
import { getDb } from "@/lib/db";
import { loadCatalog } from "@/lib/catalog/availability";
import { getTopicCatalogInfo } from "@/lib/catalog/topic-info";
import { formatDuration } from "@/lib/format";

/**
 * For a live topic page (server component): its contract, owner service and team, and the declared
 * producers and consumers; a prompt to write a contract when there is none; an error state when
 * the catalog database is down.
 */
export async function TopicCatalogPanel({ cluster, topic }: { cluster: string; topic: string }) {
  const loaded = await loadCatalog(() => getTopicCatalogInfo(cluster, topic, getDb()));
  if (!loaded.ok) return <CatalogUnavailable reason={loaded.reason} />;
  const info = loaded.value;
  if (!info) {
    return (
      <section data-testid="topic-catalog-panel" data-documented="false">
        <h2>Catalog</h2>
        <div className="banner warning">
          <strong>No contract.</strong> Nobody has documented who owns this topic or what it carries.{" "}
          <Link href={`/catalog/contracts/new?cluster=${encodeURIComponent(cluster)}&topic=${encodeURIComponent(topic)}`}>Write its contract</Link>
        </div>
      </section>
    );
  }
  const services = (parties: { slug: string; name: string }[]) =>
    parties.length === 0
      ? null
      : parties.map((party, index) => (
          <span key={party.slug}>
            {index > 0 && ", "}
            <Link href={`/catalog/services/${encodeURIComponent(party.slug)}`}>{party.name}</Link>
          </span>
        ));
  return (
    <section data-testid="topic-catalog-panel" data-documented="true">
      {/* A heading of its own: on the live topic page this is the catalog's view, next to Kafka's. */}
      <div className={styles.panelHeader}>
        <h2>Catalog</h2>
        <Link href={`/catalog/contracts/${encodeURIComponent(cluster)}/${encodeURIComponent(topic)}`}>Open the contract</Link>
      </div>
      <div className="card">
        <DetailsList
          items={[
            ["Description", info.contract.description],
            ["Owner", <Link key="owner" href={`/catalog/services/${encodeURIComponent(info.owner.slug)}`}>{info.owner.name}</Link>],
            ["Team", <Link key="team" href={`/catalog/teams/${encodeURIComponent(info.owner.team.slug)}`}>{info.owner.team.name}</Link>],
            ["Declared producers", services(info.producers)],
            ["Declared consumers", services(info.consumers)],
            ["Classification", info.contract.classification],
            ["Lag objective", info.contract.lagObjectiveSec === null ? null : formatDuration(info.contract.lagObjectiveSec)],
            ["Schema", info.latestSchemaVersion ? `version ${info.latestSchemaVersion.number} by ${info.latestSchemaVersion.author}` : null],
          ]}
        />
      </div>
    </section>
  );
}
