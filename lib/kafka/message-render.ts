// Turns untrusted record bytes into what the message browser may show. Pure: no kafkajs, no I/O.

/**
 * A record value as the browser sees it. Values longer than the display limit carry only a
 * preview of their first bytes (`truncated: true`); the whole value is only ever served as a
 * download (GET …/messages/{partition}/{offset}/value), never inside the JSON.
 */
export type RenderedValue =
  | { kind: "null" }
  | { kind: "json"; text: string; truncated: boolean }
  | { kind: "text"; text: string; truncated: boolean }
  | { kind: "binary"; base64: string; truncated: boolean };

/** Values up to this size are shown whole; longer ones as a preview of this many bytes. */
export const MAX_VALUE_BYTES = 64 * 1024;

/**
 * Message bytes are untrusted: they become JSON, text or base64 strings, rendered as text by React.
 * `maxBytes` is smaller where many values are kept in memory (the collector's latest violations).
 */
export function renderValue(value: Buffer | null, maxBytes = MAX_VALUE_BYTES): RenderedValue {
  if (value === null) return { kind: "null" };
  const truncated = value.length > maxBytes;
  const bytes = truncated ? value.subarray(0, maxBytes) : value;
  // A preview may end inside a multi-byte character: decoding as a stream leaves that tail out
  // instead of calling the whole value binary.
  const text = decodeUtf8(bytes, truncated);
  if (text === null) return { kind: "binary", base64: bytes.toString("base64"), truncated };
  if (!truncated) {
    try {
      return { kind: "json", text: JSON.stringify(JSON.parse(text), null, 2), truncated: false };
    } catch {
      // not JSON: plain text
    }
  }
  return { kind: "text", text, truncated };
}

export function renderText(bytes: Buffer): string {
  return decodeUtf8(bytes, false) ?? `base64:${bytes.toString("base64")}`;
}

export function renderHeader(bytes: Buffer): string {
  return renderText(Buffer.isBuffer(bytes) ? bytes : Buffer.from(String(bytes)));
}

function decodeUtf8(bytes: Buffer, partial: boolean): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: partial });
    // Control characters other than whitespace mean it is not meant as text.
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
  } catch {
    return null;
  }
}
