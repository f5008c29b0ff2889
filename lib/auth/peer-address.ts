import type { IncomingMessage } from "node:http";

/**
 * The TCP peer's address, written by the Node server (lib/api/http-guard.ts) into this header of
 * every request before Next.js sees it. Any value a client sends under this name is overwritten,
 * so it cannot be spoofed the way X-Forwarded-For can.
 */
export const PEER_ADDRESS_HEADER = "x-tributary-peer-address";

export function stampPeerAddress(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}
