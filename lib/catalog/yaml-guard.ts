// Checks on a catalog file's text before the YAML parser composes it. The parser's composer is
// recursive: a few thousand nested "[" overflow its stack, and ten thousand exhaust the process's
// memory (a crash, not an error), so nesting is measured with the YAML lexer, which is linear.
import { Lexer, type LineCounter } from "yaml";
import { describeForbiddenCharacter } from "@/lib/validation/text";
import type { CatalogFileError, CatalogFileFailureReason } from "@/lib/catalog/catalog-file";

/** The largest catalog file accepted (the route handler and form refuse larger bodies too). */
export const MAX_CATALOG_FILE_CHARS = 5 * 1024 * 1024;
/** Nested flow collections ([ and {), and block indicators ("- - -") on one line. */
export const MAX_YAML_NESTING = 64;
/** Block nesting shows as indentation; 256 columns is far beyond any hand-written catalog. */
export const MAX_YAML_INDENT = 256;

const LEXER_MARKERS = new Set(["\u0002", "\u0018", "\u001f"]);

type TextProblem = { reason: CatalogFileFailureReason; error: CatalogFileError };

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}

export function positionOf(lineCounter: LineCounter, offset: number | undefined): string {
  if (offset === undefined) return "(file)";
  const { line, col } = lineCounter.linePos(offset);
  return `line ${line}, column ${col}`;
}

function findTooDeep(text: string): TextProblem | null {
  let flowDepth = 0;
  let indicatorsOnLine = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") flowDepth += 1;
    else if (token === "]" || token === "}") flowDepth = Math.max(0, flowDepth - 1);
    else if (token === "-" || token === "?") indicatorsOnLine += 1;
    else if (token.startsWith("\n") || token.startsWith("\r")) indicatorsOnLine = 0;
    if (flowDepth > MAX_YAML_NESTING || indicatorsOnLine > MAX_YAML_NESTING) {
      return { reason: "invalid", error: { path: lineAndColumn(text, offset), message: `The file is nested more than ${MAX_YAML_NESTING} levels deep` } };
    }
    // Tokens are slices of the text, except the lexer's markers (document, flow end, scalar).
    if (!LEXER_MARKERS.has(token)) offset += token.length;
  }
  const indent = /^ {257,}/m.exec(text);
  if (indent) {
    return { reason: "invalid", error: { path: lineAndColumn(text, indent.index), message: `The file is indented more than ${MAX_YAML_INDENT} columns` } };
  }
  return null;
}

/** Size, control characters (malformed) and nesting of the raw text; null when the parser may run. */
export function checkYamlText(text: string): TextProblem | null {
  if (text.length > MAX_CATALOG_FILE_CHARS) {
    return { reason: "invalid", error: { path: "(file)", message: `The catalog file is larger than ${MAX_CATALOG_FILE_CHARS / 1024 / 1024} MiB` } };
  }
  const forbidden = describeForbiddenCharacter(text, "multi-line");
  if (forbidden) {
    const at = Number(/at character (\d+)/.exec(forbidden)?.[1] ?? 1) - 1;
    return { reason: "malformed", error: { path: lineAndColumn(text, at), message: `The file ${forbidden.replace(/ at character \d+/, "")}` } };
  }
  return findTooDeep(text);
}

/**
 * The first key or text value holding a control character (as YAML escapes such as "\0" can
 * produce), with its path; null when there is none. Newlines and tabs are left to the fields'
 * own rules (fine in a description, malformed in a slug).
 */
export function findForbiddenInValue(value: unknown): CatalogFileError | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === "string") {
      const problem = describeForbiddenCharacter(current, "multi-line");
      if (problem) return { path: path || "(file)", message: `The value ${problem}` };
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: `${path}[${index}]` }));
    } else if (typeof current === "object" && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const problem = describeForbiddenCharacter(key, "single-line");
        if (problem) return { path: path || "(file)", message: `A key ${problem}` };
        stack.push({ value: item, path: path ? `${path}.${key}` : key });
      }
    }
  }
  return null;
}
