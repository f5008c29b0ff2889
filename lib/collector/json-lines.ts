/**
 * Lines of JSON text written into one buffer as they are made: the published snapshot's form
 * (lib/collector/service/sample-result.ts). A line is either a string (JSON.stringify's) or
 * written piece by piece: numbers go in as digits, without a string or an array per line. At 10,000
 * groups a sample has 10,000 lag lines; as arrays and then strings they were ~20 MB of garbage on
 * the JavaScript heap every sample, and garbage collection is half the collector's CPU there.
 */
export class JsonLinesWriter {
  private bytes: Buffer;
  private length = 0;
  private lines = 0;

  /** `capacity`: the bytes expected (the encoder sizes it by the last snapshot), grown by doubling past it. */
  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** A whole line. */
  line(text: string): void {
    this.startLine();
    // A UTF-16 code unit is at most three bytes of UTF-8.
    this.reserve(text.length * 3);
    this.length += this.bytes.write(text, this.length, "utf8");
  }

  /** Starts a line to be written piece by piece. */
  startLine(): void {
    if (this.lines++ > 0) this.ascii("\n");
  }

  /** Text of ASCII characters only (keys, brackets), as it is. */
  ascii(text: string): void {
    this.reserve(text.length);
    for (let index = 0; index < text.length; index++) this.bytes[this.length++] = text.charCodeAt(index);
  }

  /** A number as JSON.stringify writes it: NaN and infinities as null. */
  number(value: number): void {
    if (!Number.isFinite(value)) this.ascii("null");
    else if (Number.isSafeInteger(value)) this.integer(value);
    else this.ascii(String(value));
  }

  /** The bytes written, sharing this writer's memory. */
  finish(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  /** A safe integer's digits (−0 is "0", as JSON.stringify has it). */
  private integer(value: number): void {
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

  private reserve(extra: number) {
    if (this.length + extra <= this.bytes.length) return;
    // Not zero-filled: only the bytes written (below `length`) are ever read or copied.
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + extra));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}
