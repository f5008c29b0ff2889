// PostgreSQL array literals, for statements that carry one row per array element (`unnest`).
// Prisma 7's query compiler takes every element of an array parameter through its JSON protocol
// and its WebAssembly compiler: at 40,000 history rows a sample that cost the collector a quarter
// of a second of CPU per statement. One text parameter per column, cast on the server
// (`$3::text::bigint[]`), costs a tenth of it and sends the same values.
//
// Read such a parameter once, as rows: `FROM unnest($1::text::uuid[]) AS u(id) WHERE t."id" = u.id`
// (or a join, or NOT EXISTS against it), never as a filter `WHERE "id" = ANY($1::text::uuid[])`.
// The text-to-array cast is not a constant to the planner: where it chooses a sequential scan (a
// table without statistics yet, say) it parses the whole literal again for every row. Resolving
// 3,000 alerts among 6,000 rows that way took 13 s; joined to unnest, 17 ms.

import { TextBytesWriter } from "@/lib/bytes-writer";

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * The array literal of `values`: every element double-quoted (so commas, braces, spaces and
 * unicode need nothing more), `"` and `\` escaped with a backslash, null and undefined as NULL.
 * Numbers are written as JavaScript prints them, which PostgreSQL reads back exactly (integers
 * below 2^53 as digits, floats as the shortest round-trip form, and NaN/Infinity by name).
 */
export function sqlArray(values: readonly (string | number | boolean | null | undefined)[]): string {
  // Numbers only (most history columns: 40,000 rows a sample at 10,000 groups): the engine's join
  // prints them as String() does, and a number needs no quotes.
  let numbers = true;
  for (let index = 0; numbers && index < values.length; index++) numbers = typeof values[index] === "number";
  if (numbers) return `{${values.join(",")}}`;
  // Strings only, none to escape (group ids, topics, statuses: the history's text columns): one
  // join, without a quoted copy of every element.
  let plainStrings = values.length > 0;
  for (let index = 0; plainStrings && index < values.length; index++) {
    const value = values[index];
    plainStrings = typeof value === "string" && !NEEDS_ESCAPE.test(value);
  }
  if (plainStrings) return `{"${values.join('","')}"}`;
  const parts = new Array<string>(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || value === undefined) parts[index] = "NULL";
    else if (typeof value === "string") parts[index] = NEEDS_ESCAPE.test(value) ? `"${value.replace(ESCAPED, "\\$&")}"` : `"${value}"`;
    else parts[index] = `"${String(value)}"`;
  }
  return `{${parts.join(",")}}`;
}

/**
 * sqlArray's literal written element by element into bytes (lib/bytes-writer.ts), for the columns of
 * the history's 40,000 rows a sample at 10,000 groups: no array of the values and no string of the
 * literal on the JavaScript heap. The text is sqlArray's, except that a number is never quoted (sqlArray
 * quotes numbers beside NULL or strings; PostgreSQL reads both alike). Sent as the bytes of a text
 * parameter where the statement's runner takes them (SqlWriter.textBytes), else as the string they spell.
 */
export class SqlArrayWriter extends TextBytesWriter {
  private elements = 0;

  constructor(capacity?: number) {
    super(capacity);
    this.ascii("{");
  }

  /** A string element, double-quoted, `"` and `\` escaped. */
  text(value: string): void {
    this.next();
    this.ascii('"');
    this.utf8(NEEDS_ESCAPE.test(value) ? value.replace(ESCAPED, "\\$&") : value);
    this.ascii('"');
  }

  /** A number element, as String() prints it (NaN and infinities by name). */
  number(value: number): void {
    this.next();
    if (Number.isSafeInteger(value)) this.integer(value);
    else if (!this.thousandths(value)) this.ascii(String(value));
  }

  /** A NULL element. */
  null(): void {
    this.next();
    this.ascii("NULL");
  }

  /** The literal: its elements and the closing brace (call once). */
  override finish(): Buffer {
    this.ascii("}");
    return super.finish();
  }

  private next() {
    if (this.elements++ > 0) this.ascii(",");
  }
}
