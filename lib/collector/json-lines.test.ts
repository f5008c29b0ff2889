import { describe, expect, it } from "vitest";
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
