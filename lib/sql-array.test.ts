import { describe, expect, it } from "vitest";
import { sqlArray } from "@/lib/sql-array";

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
