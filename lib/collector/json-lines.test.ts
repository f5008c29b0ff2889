import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { JsonLinesWriter } from "@/lib/collector/json-lines";

describe("JsonLinesWriter", () => {
  it("writes whole lines joined with newlines, as UTF-8, growing past its first capacity", () => {
    for (const lines of [[], [""], ["a"], ["", ""], ["{\"t\":\"pay/ments%\"}", "ç→𝄞", "", "x"], ["𝄞".repeat(100), "é".repeat(70)]]) {
      const writer = new JsonLinesWriter(1);
      for (const line of lines) writer.line(line);
      expect(writer.finish().toString("utf8"), JSON.stringify(lines)).toBe(lines.join("\n"));
      expect(writer.size).toBe(Buffer.byteLength(lines.join("\n")));
    }
  });

  it("writes numbers exactly as JSON.stringify does", () => {
    const values = [
      0, -0, 1, -1, 9, 10, 99, 100, 12_345, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 7, 1_800_000_000_000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER,
      2 ** 53, 2 ** 60, 1e21, 1e300, -1e21, 0.5, 4.5, 1 / 3, -2.25, 123.456, 1e-7, 5e-324, Number.NaN, Infinity, -Infinity,
    ];
    const writer = new JsonLinesWriter(4);
    writer.startLine();
    writer.ascii("[");
    values.forEach((value, index) => {
      if (index > 0) writer.ascii(",");
      writer.number(value);
    });
    writer.ascii("]");
    expect(writer.finish().toString("utf8")).toBe(JSON.stringify(values));
  });

  it("writes numbers of thousandths, and any other double, exactly as JSON.stringify does", () => {
    const written = (value: number) => {
      const writer = new JsonLinesWriter(1);
      writer.startLine();
      writer.number(value);
      return writer.finish().toString("utf8");
    };
    const edges = [0.001, -0.001, 0.01, 0.1, 0.999, 1.005, 2.675, 12.345, 1_765_000_123.456, -7.05, 0.0005, 1.0001, 2 ** 40 - 0.5, 2 ** 40 + 0.5, -(2 ** 40) + 0.25];
    for (const value of edges) expect(written(value), String(value)).toBe(JSON.stringify(value));
    // Time lags as the collector computes them (millisecond clocks), thousandths of every size, and any double.
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 2 ** 45 }), (now, then) => {
      expect(written((now - then) / 1000)).toBe(JSON.stringify((now - then) / 1000));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (thousandths) => {
      expect(written(thousandths / 1000)).toBe(JSON.stringify(thousandths / 1000));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.double(), (value) => {
      expect(written(value)).toBe(JSON.stringify(value));
    }), { numRuns: 2000 });
  });

  it("mixes lines written whole and piece by piece, a newline between each two", () => {
    const writer = new JsonLinesWriter();
    writer.line('{"a":1}');
    writer.startLine();
    writer.ascii("[");
    writer.number(42);
    writer.ascii("]");
    writer.line("ü");
    expect(writer.finish().toString("utf8")).toBe('{"a":1}\n[42]\nü');
  });
});
