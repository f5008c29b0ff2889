// What a database migrated from prisma/migrations must contain, derived from schema.prisma's
// DMMF (Prisma's own parser, compiled to wasm), so the check follows the schema as it grows.
import { readFileSync } from "node:fs";
import { get_dmmf as getDmmfJson } from "@prisma/prisma-schema-wasm";
import type { ColumnShape, EnumShape, ForeignKeyShape, IndexShape } from "./introspect-schema";

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string }[];
};
type DmmfEnum = { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] };
type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

export type ExpectedSchema = {
  tables: string[];
  columns: ColumnShape[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
  enums: EnumShape[];
};

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};
const NATIVE_TYPES: Record<string, string> = { Uuid: "uuid", Text: "text", JsonB: "jsonb", Timestamptz: "timestamp(3) with time zone" };
/** Defaults Prisma Client fills in itself: the column has no DEFAULT. */
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);
const REFERENTIAL_ACTIONS: Record<string, ForeignKeyShape["onDelete"]> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};
/** PostgreSQL truncates identifiers to 63 bytes; Prisma trims its default names to fit. */
const MAX_IDENTIFIER_LENGTH = 63;

export function readDatamodel(schemaPath: string): Datamodel {
  const schema = readFileSync(schemaPath, "utf8");
  const dmmf = JSON.parse(getDmmfJson(JSON.stringify({ prismaSchema: [[schemaPath, schema]] })));
  return dmmf.datamodel as Datamodel;
}

export function describeExpectedSchema(datamodel: Datamodel): ExpectedSchema {
  const enumDbNames = new Map(datamodel.enums.map((item) => [item.name, item.dbName ?? item.name]));
  const modelsByName = new Map(datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}.${fieldName} is not a field`);
    return field.dbName ?? field.name;
  };

  const columns = datamodel.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "scalar" || field.kind === "enum")
      .map((field) => ({
        table: tableOf(model),
        column: field.dbName ?? field.name,
        type: expectedColumnType(field, enumDbNames),
        // Prisma renders list columns without NOT NULL.
        notNull: field.isRequired && !field.isList,
        hasDefault: hasDatabaseDefault(field),
      })),
  );

  const indexes = datamodel.indexes.map((index) => {
    const model = modelsByName.get(index.model)!;
    const table = tableOf(model);
    const indexColumns = index.fields.map((field) => columnOf(model, field.name));
    const suffix = index.type === "id" ? "_pkey" : index.type === "unique" ? "_key" : "_idx";
    const baseName = index.type === "id" ? table : [table, ...indexColumns].join("_");
    return {
      table,
      name: index.dbName ?? defaultConstraintName(baseName, suffix),
      columns: indexColumns,
      unique: index.type !== "normal",
      primary: index.type === "id",
    };
  });

  const foreignKeys = datamodel.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "object" && (field.relationFromFields?.length ?? 0) > 0)
      .map((field) => {
        const target = modelsByName.get(field.type)!;
        const fromFields = field.relationFromFields!;
        const fkColumns = fromFields.map((name) => columnOf(model, name));
        const allRequired = fromFields.every((name) => model.fields.find((f) => f.name === name)?.isRequired);
        return {
          table: tableOf(model),
          // DMMF does not expose @relation(map: ...); a mapped FK name would need adding here.
          name: defaultConstraintName([tableOf(model), ...fkColumns].join("_"), "_fkey"),
          columns: fkColumns,
          referencedTable: tableOf(target),
          referencedColumns: field.relationToFields!.map((name) => columnOf(target, name)),
          onDelete: REFERENTIAL_ACTIONS[field.relationOnDelete ?? (allRequired ? "Restrict" : "SetNull")]!,
          onUpdate: REFERENTIAL_ACTIONS[field.relationOnUpdate ?? "Cascade"]!,
        };
      }),
  );

  const enums = datamodel.enums.map((item) => ({
    name: item.dbName ?? item.name,
    values: item.values.map((value) => value.dbName ?? value.name),
  }));

  return { tables: datamodel.models.map(tableOf), columns, indexes, foreignKeys, enums };
}

function expectedColumnType(field: DmmfField, enumDbNames: Map<string, string>): string {
  let base: string | undefined;
  if (field.kind === "enum") base = quoteIdentifierLikePostgres(enumDbNames.get(field.type)!);
  else if (field.nativeType) base = NATIVE_TYPES[field.nativeType[0]];
  else base = SCALAR_TYPES[field.type];
  if (!base) {
    throw new Error(`No expected PostgreSQL type for ${field.name} (${field.type} ${field.nativeType?.[0] ?? ""}); extend expected-schema.ts`);
  }
  return field.isList ? `${base}[]` : base;
}

function hasDatabaseDefault(field: DmmfField): boolean {
  if (field.default === undefined || field.isUpdatedAt) return false;
  const fn = field.default as { name?: unknown };
  return !(typeof fn === "object" && fn !== null && typeof fn.name === "string" && CLIENT_SIDE_DEFAULTS.has(fn.name));
}

function defaultConstraintName(baseName: string, suffix: string): string {
  const room = MAX_IDENTIFIER_LENGTH - suffix.length;
  return `${baseName.length >= room ? baseName.slice(0, room) : baseName}${suffix}`;
}

/** format_type() quotes type names that are not plain lower-case identifiers. */
function quoteIdentifierLikePostgres(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
