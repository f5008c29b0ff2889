import { BytesWriter } from "@/lib/bytes-writer";

/**
 * Varint bytes for the collector's saved state (and the OffsetFetch request, whose UNSIGNED_VARINT is the same): unsigned LEB128 integers, and signed integers as
 * sign + magnitude (the first byte's low bit is the sign) so any safe integer up to 2^53 is exact
 * with plain double arithmetic. "Minus zero" (sign set, magnitude 0) stands for NaN (no value).
 */
const NULL_TOKEN = 0x01;

export class ByteWriter extends BytesWriter {
  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not an unsigned integer: ${value}`);
    this.reserve(8);
    // One byte (most counts, ids and flags of the saved state: millions a sample at 10,000 groups).
    if (value < 0x80) {
      this.bytes[this.length++] = value;
      return;
    }
    let rest = value;
    while (rest >= 0x80) {
      const low = rest % 0x80;
      this.bytes[this.length++] = low | 0x80;
      rest = (rest - low) / 0x80;
    }
    this.bytes[this.length++] = rest;
  }

  /** Writes value − previous and returns value (the next call's previous). */
  delta(value: number, previous: number): number {
    const difference = value - previous;
    if (!Number.isSafeInteger(value) || !Number.isSafeInteger(difference)) throw new RangeError(`not a safe integer: ${value}`);
    this.signed(difference);
    return value;
  }

  /** As delta, and NaN as the null token (previous stays the one to compare with). */
  deltaOrNaN(value: number, previous: number): number {
    if (!Number.isNaN(value)) return this.delta(value, previous);
    this.reserve(1);
    this.bytes[this.length++] = NULL_TOKEN;
    return previous;
  }

  /** Its UTF-8 length, then its UTF-8 bytes, written in place (no Buffer per string: 40,000 a sample at 10,000 groups). */
  string(value: string): void {
    const length = Buffer.byteLength(value, "utf8");
    this.uint(length);
    this.utf8(value, length);
  }

  /** Its UTF-8 bytes only, `length` of them (Buffer.byteLength), written in place. */
  utf8(value: string, length: number): void {
    this.reserve(length);
    this.length += this.bytes.write(value, this.length, length, "utf8");
  }

  /** A byte as it is. */
  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  private signed(value: number) {
    this.reserve(9);
    // One byte for a difference of less than 64 either way (a window's values next to each other).
    if (value > -0x40 && value < 0x40) {
      this.bytes[this.length++] = value < 0 ? (-value << 1) | 1 : value << 1;
      return;
    }
    const negative = value < 0 ? 1 : 0;
    let rest = negative ? -value : value;
    const low = rest % 0x40;
    rest = (rest - low) / 0x40;
    this.bytes[this.length++] = (low << 1) | negative | (rest > 0 ? 0x80 : 0);
    while (rest > 0) {
      const next = rest % 0x80;
      rest = (rest - next) / 0x80;
      this.bytes[this.length++] = next | (rest > 0 ? 0x80 : 0);
    }
  }
}

export class ByteReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  uint(): number {
    let value = 0;
    let scale = 1;
    for (let index = 0; index < 8; index++) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return this.safe(value);
      scale *= 0x80;
    }
    throw new Error("varint longer than 8 bytes");
  }

  delta(previous: number): number {
    const value = this.deltaOrNaN(previous);
    if (Number.isNaN(value)) throw new Error("unexpected empty value");
    return value;
  }

  deltaOrNaN(previous: number): number {
    const first = this.byte();
    if (first === NULL_TOKEN) return Number.NaN;
    let magnitude = (first >> 1) & 0x3f;
    let scale = 0x40;
    let more = (first & 0x80) !== 0;
    for (let index = 0; more; index++) {
      if (index >= 8) throw new Error("varint longer than 9 bytes");
      const byte = this.byte();
      magnitude += (byte & 0x7f) * scale;
      scale *= 0x80;
      more = (byte & 0x80) !== 0;
    }
    return this.safe(previous + ((first & 1) === 1 ? -magnitude : magnitude));
  }

  string(): string {
    const length = this.uint();
    if (this.position + length > this.bytes.length) throw new Error("string runs past the end");
    const value = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.position, length).toString("utf8");
    this.position += length;
    return value;
  }

  expectEnd(): void {
    if (this.position !== this.bytes.length) throw new Error(`${this.bytes.length - this.position} bytes left over`);
  }

  private byte(): number {
    if (this.position >= this.bytes.length) throw new Error("unexpected end of data");
    return this.bytes[this.position++]!;
  }

  private safe(value: number): number {
    if (!Number.isSafeInteger(value)) throw new Error(`value out of range: ${value}`);
    return value;
  }
}
