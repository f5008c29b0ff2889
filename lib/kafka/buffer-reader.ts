// Kafka protocol primitives read straight from a response buffer: the requests Tributary writes
// itself (cluster-metadata.ts, list-offsets-batch.ts, offset-fetch-batch.ts) decode their answers
// with it instead of kafkajs's Decoder, which made a BigInt for every INT64 and a closure per array.

/** Big-endian reads with bounds checks; reading past the end throws a RangeError naming `what`. */
export class BufferReader {
  private offset = 0;

  constructor(
    private readonly buffer: Buffer,
    private readonly what: string,
  ) {}

  int8(): number {
    return this.buffer.readInt8(this.advance(1));
  }

  int16(): number {
    return this.buffer.readInt16BE(this.advance(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.advance(4));
  }

  /** An INT64 as a number; one beyond 2^53 (no offset comes near) is refused rather than rounded. */
  int64(): number {
    const at = this.advance(8);
    const value = this.buffer.readInt32BE(at) * 2 ** 32 + this.buffer.readUInt32BE(at + 4);
    if (!Number.isSafeInteger(value)) throw new RangeError(`${this.what}: offset ${this.buffer.readBigInt64BE(at)} is beyond 2^53`);
    return value;
  }

  /** A STRING (INT16 length); null reads as "". */
  string(): string {
    const length = this.int16();
    if (length < 0) return "";
    const at = this.advance(length);
    return this.buffer.toString("utf8", at, at + length);
  }

  /** A NULLABLE_STRING (INT16 length, −1 for null). */
  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const at = this.advance(length);
    return this.buffer.toString("utf8", at, at + length);
  }

  /** An UNSIGNED_VARINT of at most 5 bytes (lengths and counts). */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift <= 28; shift += 7) {
      const byte = this.buffer[this.advance(1)]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new RangeError(`${this.what}: a varint longer than 5 bytes`);
  }

  /** A COMPACT_ARRAY's length; null (sent as 0) reads as none. */
  compactLength(): number {
    return Math.max(0, this.uvarint() - 1);
  }

  /** A COMPACT_STRING; null reads as "". */
  compactString(): string {
    const length = this.compactLength();
    const at = this.advance(length);
    return this.buffer.toString("utf8", at, at + length);
  }

  skip(length: number): void {
    this.advance(length);
  }

  /** A tagged-field section: every field skipped, as none is known to us. */
  skipTaggedFields(): void {
    for (let count = this.uvarint(); count > 0; count--) {
      this.uvarint(); // tag
      this.skip(this.uvarint());
    }
  }

  private advance(length: number): number {
    const at = this.offset;
    if (at + length > this.buffer.length) throw new RangeError(`${this.what}: response ends early`);
    this.offset += length;
    return at;
  }
}
