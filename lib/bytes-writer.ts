/**
 * Bytes written into one buffer as they are made, grown by doubling: the base of the collector's
 * large per-sample outputs, the saved state's varints (lib/collector/varint-bytes.ts) and the texts
 * below. Subclasses write through `bytes` and `length` after reserve().
 */
export class BytesWriter {
  protected bytes: Buffer;
  protected length = 0;

  /** `capacity`: the bytes expected (callers size it by the last output), grown by doubling past it. */
  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(Math.max(16, capacity));
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** The bytes written, sharing this writer's memory. */
  finish(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  /** Room for `extra` more bytes. */
  protected reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    // Not zero-filled: only the bytes written (below `length`) are ever read or copied.
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + extra));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}

/**
 * Text written as UTF-8 as it is made, numbers as digits: the collector's large per-sample texts
 * (the snapshot's JSON lines, lib/collector/json-lines.ts; the history's array literals,
 * lib/sql-array.ts). Made as JavaScript strings first, tens of thousands of pieces a sample were
 * garbage on the heap, and the texts themselves megabytes that V8 allocates straight in its old
 * generation.
 */
export class TextBytesWriter extends BytesWriter {
  /** Text of ASCII characters only (keys, brackets), as it is. */
  ascii(text: string): void {
    this.reserve(text.length);
    for (let index = 0; index < text.length; index++) this.bytes[this.length++] = text.charCodeAt(index);
  }

  /** Any text, as UTF-8. */
  utf8(text: string): void {
    // A UTF-16 code unit is at most three bytes of UTF-8.
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, "utf8");
  }

  /**
   * A number with at most three decimals that is not an integer (a time in seconds read off clocks
   * in milliseconds: the time lags, most of a snapshot's fractions) as String() writes it, digit by
   * digit; false, with nothing written, for any other number. String() made a string of each, and
   * finding the shortest digits of a double is the slow part of writing one.
   *
   * Exact: below 2^40 two numbers a thousandth apart are thousands of doubles apart, so the double
   * nearest to k/1000 has no shorter digits than k/1000's own, which String() then prints (it prints
   * the shortest that reads back as the same double), trailing zeros dropped.
   */
  protected thousandths(value: number): boolean {
    if (!(value > -THOUSANDTHS_BELOW && value < THOUSANDTHS_BELOW)) return false;
    const scaled = Math.round(value * 1000);
    if (scaled / 1000 !== value || scaled % 1000 === 0) return false;
    const magnitude = Math.abs(scaled);
    let fraction = magnitude % 1000;
    if (value < 0) this.ascii("-");
    this.integer((magnitude - fraction) / 1000);
    this.reserve(4);
    this.bytes[this.length++] = 0x2e;
    for (let unit = 100; fraction > 0; unit /= 10) {
      const digit = Math.floor(fraction / unit);
      this.bytes[this.length++] = 0x30 + digit;
      fraction -= digit * unit;
    }
    return true;
  }

  /** A safe integer's digits (−0 is "0", as String() and JSON.stringify have it). */
  protected integer(value: number): void {
    this.reserve(17);
    if (value < 0) {
      this.bytes[this.length++] = 0x2d;
      value = -value;
    }
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    let at = this.length + digits;
    this.length = at;
    // Exact for every safe integer: `rest % 10` and the division by ten of a multiple of ten are.
    for (let rest = value; digits > 0; digits--) {
      const digit = rest % 10;
      this.bytes[--at] = 0x30 + digit;
      rest = (rest - digit) / 10;
    }
  }
}

/** thousandths() writes numbers below this in magnitude (2^40). */
const THOUSANDTHS_BELOW = 2 ** 40;
