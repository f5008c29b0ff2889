// Reads the shape of the current schema of a live PostgreSQL database from the catalogs, in the
// same terms as expected-schema.ts, so the two can be compared with plain equality.
import type pg from "pg";

export type ColumnShape = { table: string; column: string; type: string; notNull: boolean; hasDefault: boolean };
export type IndexShape = { table: string; name: string; columns: string[]; unique: boolean; primary: boolean };
export type ReferentialAction = "NO ACTION" | "RESTRICT" | "CASCADE" | "SET NULL" | "SET DEFAULT";
export type ForeignKeyShape = {
  table: string;
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};
export type EnumShape = { name: string; values: string[] };
export type ActualSchema = {
  tables: string[];
  columns: ColumnShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  enums: EnumShape[];
};

const ACTION_CODES: Record<string, ReferentialAction> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

// Column names of a key, in key order, for pg_index.indkey / pg_constraint.conkey arrays.
const keyColumns = (relation: string, keys: string) => `ARRAY(
  SELECT att.attname::text FROM unnest(${keys}) WITH ORDINALITY AS key(attnum, position)
    JOIN pg_attribute AS att ON att.attrelid = ${relation} AND att.attnum = key.attnum
   ORDER BY key.position)`;

export async function introspectSchema(client: pg.Client | pg.PoolClient): Promise<ActualSchema> {
  const inSchema = "JOIN pg_namespace AS ns ON ns.oid = tbl.relnamespace AND ns.nspname = current_schema()";

  const tables = await client.query<{ name: string }>(
    `SELECT tbl.relname AS name FROM pg_class AS tbl ${inSchema} WHERE tbl.relkind = 'r'`,
  );
  const columns = await client.query<ColumnShape>(
    `SELECT tbl.relname AS "table", att.attname AS "column", format_type(att.atttypid, att.atttypmod) AS type,
            att.attnotnull AS "notNull", att.atthasdef AS "hasDefault"
       FROM pg_attribute AS att JOIN pg_class AS tbl ON tbl.oid = att.attrelid ${inSchema}
      WHERE tbl.relkind = 'r' AND att.attnum > 0 AND NOT att.attisdropped`,
  );
  const indexes = await client.query<IndexShape>(
    `SELECT tbl.relname AS "table", idx.relname AS name, ${keyColumns("tbl.oid", "ix.indkey")} AS columns,
            ix.indisunique AS unique, ix.indisprimary AS primary
       FROM pg_index AS ix
       JOIN pg_class AS idx ON idx.oid = ix.indexrelid
       JOIN pg_class AS tbl ON tbl.oid = ix.indrelid ${inSchema}`,
  );
  const foreignKeys = await client.query<Omit<ForeignKeyShape, "onDelete" | "onUpdate"> & { del: string; upd: string }>(
    `SELECT tbl.relname AS "table", con.conname AS name, ${keyColumns("con.conrelid", "con.conkey")} AS columns,
            ref.relname AS "referencedTable", ${keyColumns("con.confrelid", "con.confkey")} AS "referencedColumns",
            con.confdeltype AS del, con.confupdtype AS upd
       FROM pg_constraint AS con
       JOIN pg_class AS tbl ON tbl.oid = con.conrelid ${inSchema}
       JOIN pg_class AS ref ON ref.oid = con.confrelid
      WHERE con.contype = 'f'`,
  );
  const enums = await client.query<EnumShape>(
    `SELECT typ.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type AS typ
       JOIN pg_namespace AS ns ON ns.oid = typ.typnamespace AND ns.nspname = current_schema()
       JOIN pg_enum AS e ON e.enumtypid = typ.oid
      GROUP BY typ.typname`,
  );

  return {
    tables: tables.rows.map((row) => row.name),
    columns: columns.rows,
    indexes: indexes.rows,
    foreignKeys: foreignKeys.rows.map(({ del, upd, ...key }) => ({
      ...key,
      onDelete: ACTION_CODES[del]!,
      onUpdate: ACTION_CODES[upd]!,
    })),
    enums: enums.rows,
  };
}
