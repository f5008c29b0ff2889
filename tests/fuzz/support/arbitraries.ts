// Generators of hostile input shared by the fuzz files. Fixed seed: a failure is reproducible.
import fc from "fast-check";

export const SEED = 20_261_203;

/** fast-check settings of every property: fixed seed, bounded runs, no long shrinking on a busy machine. */
export const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true }) as const;

/** Encodes once; a lone surrogate (which cannot be encoded) becomes U+FFFD first. */
export const encodeOnce = (value: string) =>
  encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"));

/** Percent-escapes that decodeURIComponent rejects: a lone "%", bad hex, truncated or invalid UTF-8. */
export const malformedEscape = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{0,6}$/),
    fc.constantFrom("%", "%zz", "%E0%A4%A", "%FF", "%C0%AF", "%ED%A0%80", "%%", "%2", "%G1", "%F0%9F%91", "%80"),
    // Never starting with a hex digit, which could complete the escape ("%2" + "0x" is "%20x").
    fc.stringMatching(/^([g-z][a-z0-9]{0,5})?$/),
  )
  .map(([before, bad, after]) => `${before}${bad}${after}`);

/** Names that are well-formed once encoded but name nothing that exists, some of them hostile. */
export const oddName = fc.oneof(
  fc.constantFrom(
    // Not "%2e%2e" alone: a dot segment is resolved (308) before any route sees it, as in a browser.
    "..%2F..%2Fapi%2Fhealth",
    "%252F",
    "%00",
    "a%0D%0ASet-Cookie%3A%20x%3D1",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%E2%80%AE%E2%80%8Bzz",
    "nope%3F%23",
    "%F0%9F%91%8B",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map((value) => encodeOnce(`fz${value}`)),
  fc.stringMatching(/^[a-zA-Z0-9._-]{1,60}$/).map((value) => `fz-${value}`),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).map((value) => encodeOnce(`fz ${value}`)),
);

/** A query value that is not the type its parameter takes. */
export const BAD_VALUES = {
  int: ["[3]", "NaN", "-1", "1e400", "99999999999999999999999", "1.5", "abc", "Infinity", "0x10", "%00"],
  enum: ["evil", "NAME", "name%00", "%C3%B1", "%5B%22name%22%5D", "1"],
  flag: ["yes", "2", "TRUE", "%00"],
  text: ["%00", "a%1Bb", "%7F"],
} as const;

/** A hostile unknown query parameter: arrays, unicode, control characters, huge values. */
export const unknownParam = fc.oneof(
  fc.constantFrom("zz=1&zz=2", "zz[]=1", "zz=%F0%9F%91%8B", "zz=%00", "zz", "=1", "zz=1e400", "zz=-1", "__proto__=1", "constructor%5Bprototype%5D=1"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).map((value) => `fz=${encodeOnce(value)}`),
);

/** A JSON value of a type given by `kinds` (never the type a field takes). */
export function jsonOfKinds(kinds: readonly ("number" | "boolean" | "null" | "array" | "object" | "string" | "numberArray" | "deep")[]) {
  const byKind = {
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e308), fc.constant(-0.5)),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 })), { minLength: 1, maxLength: 3 }),
    numberArray: fc.constantFrom([3], [1], [0, 1]),
    object: fc.oneof(fc.constant({}), fc.object({ maxDepth: 2, maxKeys: 3 }), fc.constant({ toString: "x", valueOf: 3 })),
    string: fc.constantFrom("abc", "3abc", "[3]", "{}", "true"),
    deep: fc.integer({ min: 200, max: 3000 }).map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`) as unknown),
  } as const;
  return fc.oneof(...kinds.map((kind) => byKind[kind]));
}

/** Text with a control character (NUL, BEL, ESC, …) somewhere. */
export const textWithControl = fc
  .tuple(fc.stringMatching(/^[A-Za-z ]{0,10}$/), fc.constantFrom("\u0000", "\u0001", "\u0007", "\u0008", "\u001b", "\u001f"), fc.stringMatching(/^[A-Za-z ]{0,10}$/))
  .map(([before, control, after]) => `Fuzz ${before}${control}${after}`);
