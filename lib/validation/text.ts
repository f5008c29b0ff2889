// Characters that no catalog text may hold. PostgreSQL refuses NUL in text and jsonb and unpaired
// UTF-16 surrogates in jsonb (a 500 if they reach it), and the other controls are never meant:
// they hide text in a terminal, break log lines and CSV exports. They are refused before anything
// reaches the database, as "malformed" input (HTTP 400), not as a field to correct (422).

/** Where a line break or a tab is part of the text (descriptions, schema text) or never is (names). */
export type TextKind = "single-line" | "multi-line";

// C0 controls, DEL and C1 controls; multi-line text keeps \t, \n and \r.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Marks a zod issue as malformed input (400) rather than an invalid value (422). */
export const MALFORMED_PARAMS = { malformed: true } as const;

export function isMalformedIssue(issue: { code: string; params?: unknown }): boolean {
  return issue.code === "custom" && (issue.params as { malformed?: unknown } | undefined)?.malformed === true;
}

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why `text` cannot be stored, e.g. "contains a control character (U+0000 at character 4)";
 * null when it can. Positions count from 1, in UTF-16 code units like JavaScript's length.
 */
export function describeForbiddenCharacter(text: string, kind: TextKind): string | null {
  const control = (kind === "single-line" ? SINGLE_LINE_FORBIDDEN : MULTI_LINE_FORBIDDEN).exec(text);
  if (control) return `contains a control character (${codePoint(control[0])} at character ${control.index + 1})`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `contains an unpaired UTF-16 surrogate (${codePoint(surrogate[0])} at character ${surrogate.index + 1})`;
  return null;
}
