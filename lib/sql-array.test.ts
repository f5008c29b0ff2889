import { describe, expect, it } from "vitest";
import { SqlArrayWriter, sqlArray } from "@/lib/sql-array";

describe("sqlArray", () => {
  it("quotes every element and escapes quotes and backslashes", () => {
    expect(sqlArray(["plain", 'say "hi"', "back\\slash", "a,b{c}", " ", "", "ünï/%"])).toBe(
      '{"plain","say \\"hi\\"","back\\\\slash","a,b{c}"," ","","ünï/%"}',
    );
  });

  it("writes NULL for null and undefined, and numbers as JavaScript prints them", () => {
    expect(sqlArray([null, undefined, 0, -3, 9007199254740991, 0.1, 1e21, Number.NaN, Number.POSITIVE_INFINITY, true])).toBe(
      '{NULL,NULL,"0","-3","9007199254740991","0.1","1e+21","NaN","Infinity","true"}',
    );
  });

  it("writes an array of numbers only without quotes, as PostgreSQL reads numbers (and NaN, Infinity) in a float8[] or bigint[] literal", () => {
    expect(sqlArray([0, -3, 9007199254740991, 0.1, 1e21, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(
      "{0,-3,9007199254740991,0.1,1e+21,NaN,Infinity,-Infinity}",
    );
  });

  it("writes strings with nothing to escape as it writes any string, whatever else they hold", () => {
    const plain = ["orders", "", " ", "a,b{c}", "ünï/%", "NULL", "line\nbreak", "'", "😀"];
    expect(sqlArray(plain)).toBe('{"orders",""," ","a,b{c}","ünï/%","NULL","line\nbreak","\'","😀"}');
    expect(sqlArray([""])).toBe('{""}');
    // One element to escape, or a null, and every element is quoted one by one as before.
    expect(sqlArray([...plain, 'q"'])).toBe('{"orders",""," ","a,b{c}","ünï/%","NULL","line\nbreak","\'","😀","q\\""}');
    expect(sqlArray(["a", null])).toBe('{"a",NULL}');
  });

  it("is an empty literal for no values", () => {
    expect(sqlArray([])).toBe("{}");
  });
});

describe("SqlArrayWriter", () => {
  const written = (fill: (writer: SqlArrayWriter) => void, capacity = 1) => {
    const writer = new SqlArrayWriter(capacity);
    fill(writer);
    return writer.finish().toString("utf8");
  };

  it("writes strings as sqlArray does, byte for byte, growing past its first capacity", () => {
    for (const values of [[], [""], ["orders", "", " ", "a,b{c}", "ünï/%", "NULL", "line\nbreak", "'", "😀"], ['say "hi"', "back\\slash", "𝄞".repeat(40)]]) {
      expect(written((writer) => values.forEach((value) => writer.text(value))), JSON.stringify(values)).toBe(sqlArray(values));
    }
  });

  it("writes numbers as sqlArray does, byte for byte", () => {
    const values = [0, -0, 1, -3, 10, 2 ** 31, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 0.1, 1 / 3, 1e21, 1e-7, Number.NaN, Infinity, -Infinity];
    expect(written((writer) => values.forEach((value) => writer.number(value)))).toBe(sqlArray(values));
    // Thousandths (time lags from millisecond clocks), written digit by digit.
    const thousandths = [0.001, -0.05, 12.345, 1.005, 2.675, 1_765_000_123.456, 2 ** 40 - 0.5, 2 ** 40 + 0.5, ...Array.from({ length: 500 }, (_, index) => (index * 7_919_113) / 1000)];
    expect(written((writer) => thousandths.forEach((value) => writer.number(value)))).toBe(sqlArray(thousandths));
  });

  it("writes NULL, and numbers beside it without quotes", () => {
    expect(
      written((writer) => {
        writer.number(12.5);
        writer.null();
        writer.number(-3);
        writer.text("x");
      }),
    ).toBe('{12.5,NULL,-3,"x"}');
  });
});
