import { badRequest, payloadTooLarge, unsupportedMediaType } from "@/lib/api/errors";

/** Default cap on request bodies: a catalog entity with its schemas is a few KiB. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body as text, refusing more than `maxBytes` — from Content-Length before
 * reading anything, and while streaming for chunked bodies or a lying Content-Length — so a huge
 * body costs the server at most `maxBytes` of memory. Invalid UTF-8 is a 400.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("The request body is not valid UTF-8");
  }
}

/** application/json or any +json type; anything else (text/plain, forms) is a 415. */
export function requireJsonContentType(contentType: string | null): void {
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType)) return;
  throw unsupportedMediaType("application/json");
}

/** JSON text → a value; text that is not JSON is a 400 (the request is malformed, not its values). */
export function parseJsonText(text: string): unknown {
  if (text.trim() === "") throw badRequest("The request body is empty; send a JSON document");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
