import "server-only";
import http from "node:http";
import type { Duplex } from "node:stream";
import { checkRawApiTarget, isApiTarget } from "@/lib/api/raw-url";
import { stampPeerAddress } from "@/lib/auth/peer-address";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

const installed = Symbol.for("tributary.httpGuard");

/**
 * Puts two checks in front of Next.js's own request handling, in the Node HTTP server of
 * `next start` (and so `npm start`, the demo and the tests), where the request is still raw:
 * - an /api request whose path or query holds a malformed percent-escape (`%zz`, a lone `%`,
 *   invalid UTF-8) is answered 400 with the API's JSON error body. Next.js decodes the query
 *   lossily before any route or proxy sees it, so nothing later can tell `%zz` from `%25zz`.
 * - a request line plus headers over Node's limit (16 KiB) is answered 431 with a JSON body
 *   instead of Node's bodiless one, and the connection is closed after the answer.
 * Installed once per process from instrumentation.ts; patching the prototype reaches the server
 * Next.js has already created, whose listeners stay as they are.
 */
export function installHttpGuard(): void {
  const registry = globalThis as { [installed]?: boolean };
  if (registry[installed]) return;
  registry[installed] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      // The TCP peer for proxy-mode sign-in (lib/auth/proxy-identity.ts), overwriting any client copy.
      stampPeerAddress(request);
      if (request.url && isApiTarget(request.url)) {
        const problem = checkRawApiTarget(request.url);
        if (problem) {
          sendJson(response, problem.status, problem.body);
          return true;
        }
      }
    } else if (event === "clientError") {
      const [error, socket] = args as [NodeJS.ErrnoException, Duplex];
      if (error?.code === "HPE_HEADER_OVERFLOW" && socket.writable) {
        const body = JSON.stringify({
          error: { code: "header_too_large", message: `The request line and headers are larger than ${http.maxHeaderSize} bytes` },
        });
        socket.end(
          `HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return true;
      }
    }
    return (emit as (this: http.Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...STATIC_SECURITY_HEADERS,
    "content-security-policy": API_CONTENT_SECURITY_POLICY,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  response.end(text);
}
