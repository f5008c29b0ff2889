import { describe, expect, it } from "vitest";
import { ByteReader, ByteWriter } from "@/lib/collector/varint-bytes";

describe("varint bytes", () => {
  it("writes unsigned, signed deltas, NaN and strings and reads them back exactly", () => {
    const values = [0, 1, 63, 64, 127, 128, 2 ** 31, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER, 5, 0];
    const writer = new ByteWriter();
    for (const value of values) writer.uint(value);
    let previous = 0;
    const signed = [0, -1, 1, -64, 64, 2 ** 53 - 1, 0, Number.NaN, 42, 41];
    for (const value of signed) previous = writer.deltaOrNaN(value, previous);
    writer.string("grp\u0000☃/%");
    const reader = new ByteReader(writer.finish());
    expect(values.map(() => reader.uint())).toEqual(values);
    let last = 0;
    const read = signed.map(() => {
      const value = reader.deltaOrNaN(last);
      if (!Number.isNaN(value)) last = value;
      return value;
    });
    expect(read).toEqual(signed);
    expect(reader.string()).toBe("grp\u0000☃/%");
    expect(() => reader.expectEnd()).not.toThrow();
  });

  it("writes strings as UTF-8 exactly, across the writer's growth, with what Buffer.from would write", () => {
    const writer = new ByteWriter();
    const names = ["", "ascii", "é☃😀", "\ud800 lone", "x".repeat(70_000), "after the growth ✓"];
    for (const name of names) writer.string(name);
    const bytes = writer.finish();
    const reader = new ByteReader(bytes);
    // A lone surrogate is written as U+FFFD, as Buffer.from writes it.
    expect(names.map(() => reader.string())).toEqual(names.map((name) => Buffer.from(name, "utf8").toString("utf8")));
    reader.expectEnd();
    expect(bytes.length).toBe(names.reduce((total, name) => total + Buffer.byteLength(name) + (Buffer.byteLength(name) < 128 ? 1 : 3), 0));
  });

  it("uses one byte for small values", () => {
    const writer = new ByteWriter();
    writer.uint(127);
    writer.delta(63, 0);
    writer.delta(-63, 0);
    writer.deltaOrNaN(Number.NaN, 0);
    expect(Array.from(writer.finish())).toEqual([127, 126, 127, 1]);
  });

  it("writes the bytes of LEB128 and of sign and magnitude either side of the one-byte limits", () => {
    const writer = new ByteWriter(16);
    writer.uint(128);
    writer.uint(300);
    writer.delta(64, 0);
    writer.delta(-64, 0);
    writer.delta(0, 63);
    writer.delta(-0, 0);
    expect(Array.from(writer.finish())).toEqual([0x80, 0x01, 0xac, 0x02, 0x80, 0x01, 0x81, 0x01, 0x7f, 0x00]);
    const reader = new ByteReader(writer.finish());
    expect([reader.uint(), reader.uint(), reader.delta(0), reader.delta(0), reader.delta(63), reader.delta(0)]).toEqual([128, 300, 64, -64, 0, 0]);
  });

  it("grows from a small capacity without losing or inventing bytes", () => {
    const writer = new ByteWriter(16);
    const values = Array.from({ length: 5_000 }, (_, index) => (index * 7919) % 100_003);
    let previous = 0;
    for (const value of values) previous = writer.delta(value, previous);
    const bytes = writer.finish();
    const reader = new ByteReader(bytes);
    let last = 0;
    expect(values.map(() => (last = reader.delta(last)))).toEqual(values);
    reader.expectEnd();
  });

  it("refuses what it cannot write exactly, and data that ends early", () => {
    const writer = new ByteWriter();
    expect(() => writer.uint(-1)).toThrow("not an unsigned integer: -1");
    expect(() => writer.uint(2 ** 53)).toThrow("not an unsigned integer");
    expect(() => writer.delta(0.5, 0)).toThrow("not a safe integer: 0.5");
    expect(() => new ByteReader(new Uint8Array([0x80])).uint()).toThrow("unexpected end of data");
    expect(() => new ByteReader(new Uint8Array([0x81, 0x81])).delta(0)).toThrow("unexpected end of data");
    expect(() => new ByteReader(new Uint8Array([1])).delta(0)).toThrow("unexpected empty value");
    expect(() => new ByteReader(new Uint8Array([5, 65])).string()).toThrow("string runs past the end");
  });
});
