import type { AuditRecord } from "@/lib/catalog/audit";

function summarize(entry: AuditRecord): string {
  if (!entry.before || !entry.after || typeof entry.before !== "object" || typeof entry.after !== "object") return "";
  const before = entry.before as Record<string, unknown>;
  const after = entry.after as Record<string, unknown>;
  const changed = Object.keys(after).filter(
    (key) => key !== "version" && key !== "updatedAt" && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return changed.length > 0 ? `changed ${changed.join(", ")}` : "";
}

const VERBS: Record<string, string> = { create: "Created", update: "Updated", delete: "Deleted", import: "Imported" };

/** "import:update" (written by the catalog import) reads as "Updated by an import". */
function describeAction(action: string): string {
  const [first = action, second] = action.split(":");
  if (second) return `${VERBS[second] ?? second} by an import`;
  return VERBS[first] ?? first;
}

/** Who changed this record, when, and which fields. */
export function AuditHistory({ entries }: { entries: AuditRecord[] }) {
  if (entries.length === 0) return <p className="subtle">No recorded changes.</p>;
  return (
    <table data-testid="audit-history">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>What</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.at}>{entry.at.replace("T", " ").slice(0, 19)} UTC</time>
            </td>
            <td>{entry.actor}</td>
            <td>
              {describeAction(entry.action)} {summarize(entry) && <span className="subtle">({summarize(entry)})</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
