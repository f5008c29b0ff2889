import Link from "next/link";
import { StatusBadge } from "@/components/ui/status-badge";
import { groupPageHref } from "@/lib/page-urls";
import { LagVerdict } from "@/components/catalog/service-live-tables";
import { SchemaFieldsTable, SchemaVersionChanges } from "@/components/catalog/schema-view";
import type { TopicReaderLive } from "@/lib/catalog/live-join";
import type { DeclaredParty, SchemaVersionEntry } from "@/lib/catalog/queries";
import { formatCount, formatDuration } from "@/lib/format";

export function DeclaredParties({ title, parties, testId }: { title: string; parties: DeclaredParty[]; testId: string }) {
  return (
    <div className="card" data-testid={testId}>
      <strong>{title}</strong>
      {parties.length === 0 ? (
        <p className="subtle">None declared.</p>
      ) : (
        <ul>
          {parties.map((party) => (
            <li key={party.slug}>
              <Link href={`/catalog/services/${encodeURIComponent(party.slug)}`}>{party.name}</Link>
              {party.purpose && <span className="subtle"> — {party.purpose}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Who reads the topic right now: every live group, documented or not, against the lag objective. */
export function TopicReadersTable({ cluster, readers, lagObjectiveSec }: { cluster: string; readers: TopicReaderLive[]; lagObjectiveSec: number | null }) {
  if (readers.length === 0) return <p className="subtle">No consumer group reads this topic right now.</p>;
  return (
    <table data-testid="topic-readers">
      <thead>
        <tr>
          <th>Group</th>
          <th>Service</th>
          <th>Status</th>
          <th className="num">Lag</th>
          <th className="num">Time lag</th>
          <th>Lag objective</th>
        </tr>
      </thead>
      <tbody>
        {readers.map((reader) => (
          <tr key={reader.groupId}>
            <td>
              <Link href={groupPageHref(cluster, reader.groupId)} className="mono">
                {reader.groupId}
              </Link>
            </td>
            <td>
              {reader.service ? (
                <Link href={`/catalog/services/${encodeURIComponent(reader.service)}`}>{reader.service}</Link>
              ) : (
                <span className="badge status-WARNING">undocumented</span>
              )}
            </td>
            <td>
              <StatusBadge status={reader.status} />
            </td>
            <td className="num">{formatCount(reader.lag)}</td>
            <td className="num">{formatDuration(reader.timeLagSeconds)}</td>
            <td>
              <LagVerdict verdict={reader.objective} objectiveSec={lagObjectiveSec} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The current schema as a field table; older versions as what each changed (newest first). */
export function SchemaHistory({ versions }: { versions: SchemaVersionEntry[] }) {
  if (versions.length === 0) return <p className="subtle">No schema recorded yet.</p>;
  const [current, ...older] = versions;
  const heading = (version: SchemaVersionEntry) => (
    <>
      Version {version.number} · {version.author} · <time dateTime={version.createdAt}>{version.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
    </>
  );
  return (
    <div data-testid="schema-history">
      <p>
        <strong>{heading(current!)}</strong> <span className="subtle">(current)</span>
      </p>
      {older.length > 0 && <SchemaVersionChanges before={older[0]!.valueSchema} after={current!.valueSchema} />}
      <SchemaFieldsTable schema={current!.valueSchema} label="Value schema" />
      {current!.keySchema !== null && (
        <>
          <h3>Key schema</h3>
          <SchemaFieldsTable schema={current!.keySchema} label="Key schema" />
        </>
      )}
      {older.map((version, index) => (
        <details key={version.number}>
          <summary>{heading(version)}</summary>
          {older[index + 1] ? <SchemaVersionChanges before={older[index + 1]!.valueSchema} after={version.valueSchema} /> : <p className="subtle">The first version.</p>}
          <pre>{JSON.stringify(version.valueSchema, null, 2)}</pre>
        </details>
      ))}
    </div>
  );
}
