// Kafka protocol values as bytes, for the unit tests that build requests and responses by hand from
// Kafka's message definitions (lib/kafka/*-batch.test.ts, cluster-metadata.test.ts).

export const int8 = (value: number) => Buffer.from([value & 0xff]);

export const int16 = (value: number) => {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
};

export const int32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
};

export const int64 = (value: bigint | number) => {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value));
  return buffer;
};

/** STRING, or NULLABLE_STRING's null (length −1). */
export const string = (value: string | null) => (value === null ? int16(-1) : Buffer.concat([int16(Buffer.byteLength(value)), Buffer.from(value, "utf8")]));

/** ARRAY: an INT32 count, then the items. */
export const array = (items: Buffer[]) => Buffer.concat([int32(items.length), ...items]);

/** UNSIGNED_VARINT. */
export const uvarint = (value: number) => {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
};

/** COMPACT_STRING, or its null (length 0). */
export const compactString = (value: string | null) => {
  if (value === null) return uvarint(0);
  const bytes = Buffer.from(value, "utf8");
  return Buffer.concat([uvarint(bytes.length + 1), bytes]);
};

/** COMPACT_ARRAY: a count + 1 as UNSIGNED_VARINT, then the items. */
export const compactArray = (items: Buffer[]) => Buffer.concat([uvarint(items.length + 1), ...items]);
