// The YAML catalog file: parsing with every problem listed by path, and the checks that span
// entries (duplicates, references inside the file). Pure: no database, safe in the browser.
// The file is hostile until proven otherwise: its size, nesting and control characters are
// checked before the YAML parser builds anything, and aliases are refused (see ./yaml-guard).
import { LineCounter, parseDocument, visit } from "yaml";
import { z } from "zod";
import { catalogFileEntrySchemas, type CatalogFile } from "@/lib/validation/catalog";
import { formatIssuePath } from "@/lib/validation/field-errors";
import { isMalformedIssue } from "@/lib/validation/text";
import { checkYamlText, findForbiddenInValue, positionOf } from "@/lib/catalog/yaml-guard";

export type CatalogFileError = { path: string; message: string };
/** "malformed" (HTTP 400): control characters; "invalid" (422): everything else. */
export type CatalogFileFailureReason = "invalid" | "malformed";
type Section = "teams" | "services" | "contracts" | "flows";
const SECTIONS: Section[] = ["teams", "services", "contracts", "flows"];

/** The file with each entry parsed on its own: null where the entry itself is invalid. */
export type PartialCatalogFile = { [K in Section]: (CatalogFile[K][number] | null)[] };

export type ParsedCatalogFile =
  | { ok: true; file: CatalogFile }
  /** `partial` (when the file's outline is sound) lets callers check references of the valid entries too. */
  | { ok: false; reason: CatalogFileFailureReason; errors: CatalogFileError[]; partial: PartialCatalogFile | null };

const outlineSchema = z.strictObject({
  version: z.literal(1, { error: "version must be 1" }).default(1),
  teams: z.array(z.unknown(), { error: "teams must be a list" }).default([]),
  services: z.array(z.unknown(), { error: "services must be a list" }).default([]),
  contracts: z.array(z.unknown(), { error: "contracts must be a list" }).default([]),
  flows: z.array(z.unknown(), { error: "flows must be a list" }).default([]),
});

const failure = (reason: CatalogFileFailureReason, errors: CatalogFileError[]): ParsedCatalogFile => ({ ok: false, reason, errors, partial: null });

function toErrors(issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): CatalogFileError[] {
  return issues.map((issue) => ({ path: formatIssuePath([...prefix, ...issue.path]) || "(file)", message: issue.message }));
}

/**
 * Parses and validates the whole file. On failure lists every problem, not just the first: each
 * entry is validated on its own, and the rules between entries run over the entries that are valid.
 */
export function parseCatalogFile(text: string): ParsedCatalogFile {
  const textProblem = checkYamlText(text);
  if (textProblem) return failure(textProblem.reason, [textProblem.error]);

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    return failure(
      "invalid",
      document.errors.map((error) => {
        const position = error.linePos?.[0];
        const firstLine = (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, "");
        return { path: position ? `line ${position.line}, column ${position.col}` : "(file)", message: firstLine };
      }),
    );
  }
  // Refused outright rather than bounded: a catalog file has no need for them, and a "billion
  // laughs" file is then refused after parsing alone, before any expansion.
  let alias: CatalogFileError | null = null;
  visit(document, {
    Alias(_key, node) {
      alias = { path: positionOf(lineCounter, node.range?.[0]), message: `Aliases (*${node.source}) are not allowed in a catalog file; write the value out` };
      return visit.BREAK;
    },
  });
  if (alias) return failure("invalid", [alias]);

  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 0 }) ?? {};
  } catch (error) {
    return failure("invalid", [{ path: "(file)", message: (error as Error).message }]);
  }
  const forbidden = findForbiddenInValue(raw);
  if (forbidden) return failure("malformed", [forbidden]);
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return failure("invalid", [{ path: "(file)", message: "The file must be a mapping with teams, services, contracts and flows" }]);
  }
  const outline = outlineSchema.safeParse(raw);
  if (!outline.success) return failure("invalid", toErrors(outline.error.issues));

  const errors: CatalogFileError[] = [];
  const malformedErrors: CatalogFileError[] = [];
  const parseSection = <K extends Section>(section: K) =>
    outline.data[section].map((entry, index) => {
      const result = catalogFileEntrySchemas[section].safeParse(entry);
      if (result.success) return result.data as CatalogFile[K][number];
      errors.push(...toErrors(result.error.issues, [section, index]));
      malformedErrors.push(...toErrors(result.error.issues.filter(isMalformedIssue), [section, index]));
      return null;
    });
  const partial = Object.fromEntries(SECTIONS.map((section) => [section, parseSection(section)])) as PartialCatalogFile;
  if (malformedErrors.length > 0) return failure("malformed", malformedErrors);
  // Services whose entry is invalid are still listed: their flows should not be reported as orphans too.
  const rawServiceSlugs = outline.data.services.flatMap((entry) => {
    const slug = (entry as { slug?: unknown } | null)?.slug;
    return typeof slug === "string" ? [slug.trim()] : [];
  });
  errors.push(...checkCatalogFileConsistency(partial, rawServiceSlugs));
  if (errors.length > 0) return { ok: false, reason: "invalid", errors, partial };
  return { ok: true, file: { version: 1, ...(partial as Omit<CatalogFile, "version">) } };
}

/** The valid entries of a section with their index in the file. */
export function entriesOf<T>(entries: (T | null)[]): [number, T][] {
  return entries.flatMap((entry, index) => (entry === null ? [] : [[index, entry] as [number, T]]));
}

function findDuplicates<T>(items: (T | null)[], keyOf: (item: T) => string, path: (index: number) => string, what: string): CatalogFileError[] {
  const firstIndex = new Map<string, number>();
  const errors: CatalogFileError[] = [];
  entriesOf(items).forEach(([index, item]) => {
    const key = keyOf(item);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else errors.push({ path: path(index), message: `${what} "${key}" is already defined at index ${first}` });
  });
  return errors;
}

/**
 * Rules between entries of one file: no duplicates, a consumer group id claimed by one service
 * only, and flows only for services the file lists (the file owns those services' flows).
 */
export function checkCatalogFileConsistency(file: PartialCatalogFile, alsoListedServices: string[] = []): CatalogFileError[] {
  const errors = [
    ...findDuplicates(file.teams, (team) => team.slug, (index) => `teams[${index}].slug`, "Team"),
    ...findDuplicates(file.services, (service) => service.slug, (index) => `services[${index}].slug`, "Service"),
    ...findDuplicates(file.contracts, (contract) => `${contract.cluster}/${contract.topic}`, (index) => `contracts[${index}].topic`, "Contract"),
    ...findDuplicates(
      file.flows,
      (flow) => `${flow.service} ${flow.direction} ${flow.cluster}/${flow.topic}`,
      (index) => `flows[${index}]`,
      "Flow",
    ),
  ];

  const groupOwner = new Map<string, string>();
  entriesOf(file.services).forEach(([index, service]) => {
    for (const group of service.consumerGroups) {
      const owner = groupOwner.get(group);
      if (owner !== undefined && owner !== service.slug) {
        errors.push({ path: `services[${index}].consumerGroups`, message: `Consumer group "${group}" already belongs to service "${owner}"` });
      }
      groupOwner.set(group, owner ?? service.slug);
    }
  });
  const producerOwner = new Map<string, string>();
  entriesOf(file.services).forEach(([index, service]) => {
    for (const value of service.producerHeaderValues) {
      const owner = producerOwner.get(value);
      if (owner !== undefined && owner !== service.slug) {
        errors.push({ path: `services[${index}].producerHeaderValues`, message: `Producer header value "${value}" already belongs to service "${owner}"` });
      }
      producerOwner.set(value, owner ?? service.slug);
    }
  });

  const listedServices = new Set([...entriesOf(file.services).map(([, service]) => service.slug), ...alsoListedServices]);
  entriesOf(file.flows).forEach(([index, flow]) => {
    if (!listedServices.has(flow.service)) {
      errors.push({ path: `flows[${index}].service`, message: `Service "${flow.service}" is not in this file's services` });
    }
  });
  return errors;
}
