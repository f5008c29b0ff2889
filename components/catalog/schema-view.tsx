import styles from "@/components/catalog/catalog.module.css";
import { diffJsonPaths, formatJsonShort } from "@/lib/catalog/json-diff";
import { listSchemaFields } from "@/lib/catalog/schema-fields";

/** A schema as a table of its fields, with the raw JSON Schema folded away below. */
export function SchemaFieldsTable({ schema, label }: { schema: unknown; label: string }) {
  const rows = listSchemaFields(schema);
  return (
    <div className={styles.schemaView}>
      {rows.length > 0 ? (
        <table data-testid="schema-fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>Type</th>
              <th>Required</th>
              <th>Rules</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.path}>
                <td className="mono">{row.path}</td>
                <td className="mono">{row.type}</td>
                <td>{row.required ? "required" : <span className="subtle">optional</span>}</td>
                <td>
                  {row.rules.length > 0 ? <span className="mono">{row.rules.join(" · ")}</span> : null}
                  {row.description && <div className="subtle">{row.description}</div>}
                  {row.rules.length === 0 && !row.description && <span className="subtle">—</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <SchemaSummary schema={schema} />
      )}
      <details>
        <summary>{label} as JSON Schema</summary>
        <pre>{JSON.stringify(schema, null, 2)}</pre>
      </details>
    </div>
  );
}

/** A schema without properties (a key that is a plain string, say) in one line: its type and description. */
function SchemaSummary({ schema }: { schema: unknown }) {
  const node = typeof schema === "object" && schema !== null && !Array.isArray(schema) ? (schema as Record<string, unknown>) : null;
  if (!node || typeof node.type !== "string") return <p className="mono">{formatJsonShort(schema, 200)}</p>;
  return (
    <p>
      <span className="mono">{node.type}</span>
      {typeof node.description === "string" && <span className="subtle"> — {node.description}</span>}
    </p>
  );
}

/** What one schema version changed compared with the one before it. */
export function SchemaVersionChanges({ before, after }: { before: unknown; after: unknown }) {
  const changes = diffJsonPaths(before, after);
  if (changes.length === 0) return <p className="subtle">Same schema as the version before (other contract fields changed).</p>;
  return (
    <ul className={styles.pathList} data-testid="schema-version-changes">
      {changes.map((change) => (
        <li key={change.path}>
          <span className="mono">{change.path}</span>: <span className="mono">{formatJsonShort(change.before)}</span> →{" "}
          <span className="mono">{formatJsonShort(change.after)}</span>
        </li>
      ))}
    </ul>
  );
}
