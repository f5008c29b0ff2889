// A raw HTTP client for the fuzz suite. node:http, not fetch: fetch normalises the path (it
// re-encodes spaces, resolves "..", drops "#…"), and hostile input must reach the app byte for byte.
import { appendFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { stack } from "../../support/live-stack";

export type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: any;
  ms: number;
};

export type RawRequest = {
  method?: string;
  /** Sent as is: "/api/…?…", percent-escapes and all. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Streams the body in chunks without a Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
  timeoutMs?: number;
  /** A connection of its own (not a kept-alive one the server may be closing). */
  freshConnection?: boolean;
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
let sent = 0;

/** Requests this file has sent so far (the suite prints the total). */
export const requestCount = () => sent;

export async function send(request: RawRequest): Promise<RawResponse> {
  try {
    return await sendOnce(request);
  } catch (error) {
    // A kept-alive connection the server closed as this request went out on it (Node.js's own
    // advice for `request.reusedSocket`): the server read none of it, so it is sent once more, on
    // a connection of its own. Any other failure is the answer.
    if (!(error instanceof StaleConnectionError)) throw error;
    return sendOnce({ ...request, freshConnection: true });
  }
}

class StaleConnectionError extends Error {}

function sendOnce(request: RawRequest): Promise<RawResponse> {
  const url = new URL(stack.appUrl);
  const started = Date.now();
  sent += 1;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...request.headers };
    let answered = false;
    if (request.body !== undefined && !request.chunked) headers["content-length"] = String(Buffer.byteLength(request.body));
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method ?? "GET",
        path: request.path,
        headers,
        // A refused oversized body may end the connection early: do not reuse it.
        agent: request.freshConnection || (request.body !== undefined && Buffer.byteLength(request.body) > 1_000_000) ? false : agent,
        timeout: request.timeoutMs ?? 30_000,
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json, ms: Date.now() - started });
        });
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${request.timeoutMs ?? 30_000} ms`)));
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      const message = `${request.method ?? "GET"} ${request.path.slice(0, 200)}: connection failed or dropped: ${error.message}`;
      const stale = outgoing.reusedSocket && (error.code === "ECONNRESET" || error.code === "EPIPE") && !answered;
      reject(stale ? new StaleConnectionError(message) : new Error(message));
    });
    if (request.body === undefined) {
      outgoing.end();
    } else if (request.chunked) {
      const body = Buffer.from(request.body);
      const size = 64 * 1024;
      let offset = 0;
      const writeMore = () => {
        while (offset < body.length) {
          const chunk = body.subarray(offset, offset + size);
          offset += size;
          // The app may answer (413) and close before the whole body is sent.
          if (outgoing.destroyed) return;
          if (!outgoing.write(chunk)) return void outgoing.once("drain", writeMore);
        }
        outgoing.end();
      };
      writeMore();
    } else {
      outgoing.end(request.body);
    }
  });
}

/** The agreed error body of every /api response: { error: { code, message, details? } }. */
export function errorShapeProblem(response: RawResponse): string | null {
  const error = response.json?.error;
  if (!String(response.headers["content-type"] ?? "").includes("application/json")) return `content-type ${response.headers["content-type"] ?? "(none)"}, not JSON`;
  if (typeof error !== "object" || error === null) return `body is not { error: {…} }: ${response.text.slice(0, 120)}`;
  if (typeof error.code !== "string" || error.code === "") return `error.code missing: ${response.text.slice(0, 120)}`;
  if (typeof error.message !== "string" || error.message === "") return `error.message missing: ${response.text.slice(0, 120)}`;
  return null;
}

/** Agreed code per status (common.md). */
export const ERROR_CODES: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  422: "unprocessable",
  431: "header_too_large",
  503: "unavailable",
};

export type Mismatch = { what: string; request: string; status: number; problem: string };

/**
 * Collects every case that did not answer as expected, so one run reports all failing routes
 * (route, case, status) instead of stopping at the first.
 */
export class Findings {
  readonly mismatches: Mismatch[] = [];
  cases = 0;

  /**
   * Checks one response: status in `expected`, never 5xx, and on /api a 4xx carries the agreed
   * JSON error body with the code that matches its status.
   */
  check(what: string, request: RawRequest, response: RawResponse, expected: readonly number[]): boolean {
    this.cases += 1;
    const body = request.body === undefined ? "" : String(request.body);
    const describe = `${request.method ?? "GET"} ${request.path.length > 160 ? `${request.path.slice(0, 160)}…(${request.path.length} chars)` : request.path}${
      body ? ` body ${JSON.stringify(body.length > 120 ? `${body.slice(0, 120)}…(${body.length} chars)` : body)}` : ""
    }`;
    let problem: string | null = null;
    if (response.status >= 500) problem = `5xx: ${response.text.slice(0, 160)}`;
    else if (!expected.includes(response.status)) problem = `expected ${expected.join("|")}: ${response.text.slice(0, 160)}`;
    else if (response.status >= 400 && request.path.startsWith("/api")) {
      problem = errorShapeProblem(response);
      if (!problem && ERROR_CODES[response.status] && response.json.error.code !== ERROR_CODES[response.status]) {
        problem = `error.code "${response.json.error.code}" for ${response.status}, agreed "${ERROR_CODES[response.status]}"`;
      }
    }
    if (problem) this.mismatches.push({ what, request: describe, status: response.status, problem });
    return problem === null;
  }

  /** One line per distinct (case, status, problem kind) with one example request, for the report. */
  summary(): string {
    const groups = new Map<string, { count: number; example: Mismatch }>();
    for (const mismatch of this.mismatches) {
      const key = `${mismatch.what} → ${mismatch.status} (${mismatch.problem.split(":")[0]})`;
      const group = groups.get(key);
      if (group) group.count += 1;
      else groups.set(key, { count: 1, example: mismatch });
    }
    return [...groups.entries()]
      .map(([key, { count, example }]) => `  ${count}× ${key}\n      e.g. ${example.request} → ${example.status}: ${example.problem}`)
      .join("\n");
  }
}

/** Prints and records how many requests a fuzz file sent (scripts/test.ts keeps TEST_RESULTS_DIR). */
export function reportRequestCount(file: string): void {
  const line = `fuzz ${file}: ${requestCount()} requests sent`;
  console.log(line);
  const dir = process.env.TEST_RESULTS_DIR;
  if (dir) appendFileSync(path.join(dir, "fuzz-requests.log"), `${new Date().toISOString()} ${line}\n`);
}

/** A cross-site or same-site caller, as a browser on another origin would send it. */
export const CROSS_SITE_HEADERS: readonly { label: string; headers: Record<string, string> }[] = [
  { label: "Origin: https://evil.example", headers: { origin: "https://evil.example" } },
  { label: "Sec-Fetch-Site: cross-site", headers: { "sec-fetch-site": "cross-site" } },
  { label: "Origin + Sec-Fetch-Site: cross-site", headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } },
  { label: "Origin: null", headers: { origin: "null", "sec-fetch-site": "cross-site" } },
  { label: "Sec-Fetch-Site: same-site", headers: { origin: "https://evil.127.0.0.1.nip.io", "sec-fetch-site": "same-site" } },
];

/** How a same-origin browser request looks (Origin = the app's own). */
export const sameOriginHeaders = () => ({ origin: new URL(stack.appUrl).origin, "sec-fetch-site": "same-origin" });
