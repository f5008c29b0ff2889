import "server-only";
import { z } from "zod";
import { DEFAULT_MAX_BODY_BYTES, parseJsonText, readBodyText, requireJsonContentType } from "@/lib/api/body";
import { ApiError, forbidden, fromZodError, methodNotAllowed, toErrorResponse } from "@/lib/api/errors";
import { jsonResponse } from "@/lib/api/json-response";
import { decideOrigin, STATE_CHANGING_METHODS } from "@/lib/api/origin";
import { parseQuery } from "@/lib/api/query";
import { resolvePrincipal } from "@/lib/auth/principal";
import { unauthorized } from "@/lib/auth/require";
import type { Principal } from "@/lib/auth/types";

/** What Next.js hands a route handler besides the request. Its params are already percent-decoded. */
export type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, context?: RouteContext) => Promise<Response>;

/** A success body with its own status or headers (201 Created, 503 from /api/health). */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly init: ResponseInit,
  ) {}
}
export const reply = <T>(body: T, init: ResponseInit) => new Reply(body, init);

type Schema = z.ZodType;
const NO_QUERY = z.strictObject({});
type Out<S> = S extends Schema ? z.output<S> : undefined;
type BodyOut<B> = B extends "text" ? string : B extends Schema ? z.output<B> : undefined;
type Produced<R> = R extends Schema ? z.input<R> | Reply<z.input<R>> | Response : Response;

export type RouteOptions<P, Q, B, R> = {
  /** Route parameters as Next.js decoded them (exactly once); a failure is 400 bad_request. */
  params?: P;
  /** The query; a failure, a repeated name or a malformed escape is 400 bad_request. Without it, any parameter is. */
  query?: Q;
  /**
   * A JSON body parsed with this schema (application/json required: 415 otherwise; not JSON: 400;
   * wrong values: 422 unprocessable with details.fieldErrors), or "text" for the raw text.
   */
  body?: B;
  /** The success body's schema: the handler's result is parsed with it before it is sent. */
  response?: R;
  /** Cap on the body (413 payload_too_large beyond it). Default 1 MiB. */
  maxBodyBytes?: number;
  /** Refuse cross-site callers (403). Default: true for POST, PUT, PATCH and DELETE. */
  write?: boolean;
  /**
   * Default: a signed-in user or an API token is required (401 otherwise) and the handler gets its
   * principal, on which it calls `requirePermission`. "public": nobody is asked (/api/health);
   * the handler gets principal null.
   */
  auth?: "public";
};

export type RouteInput<P, Q, B> = {
  params: Out<P>;
  query: Q extends Schema ? z.output<Q> : Record<string, never>;
  body: BodyOut<B>;
  request: Request;
  /** Who is asking; null only on `auth: "public"` routes. */
  principal: Principal | null;
};

// Production answers a body that does not match its schema as it is (and logs it): a drifted
// field should not take a dashboard down. Development and the test stack refuse it with a 500,
// so the drift is found before it ships.
const strictResponses = () => process.env.NODE_ENV !== "production" || process.env.TRIBUTARY_STRICT_RESPONSES === "1";

/**
 * The one shape of every route handler under app/api (dub's withWorkspace is the model): origin
 * check on state-changing methods, the principal (401 when nobody is signed in), params, query and body parsed with zod, the handler run, its
 * result checked against the response schema, and every failure mapped by `toErrorResponse` to
 * `{ error: { code, message, details? } }` with its status. Handlers never build error responses.
 */
export function apiRoute<P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | "text" | undefined = undefined, R extends Schema | undefined = undefined>(
  options: RouteOptions<P, Q, B, R>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Produced<R>>,
): RouteHandler {
  return async (request, context) => {
    try {
      const isWrite = options.write ?? STATE_CHANGING_METHODS.has(request.method);
      if (isWrite) {
        const decision = decideOrigin(request.headers, request.url);
        if (!decision.allowed) throw forbidden(decision.reason);
      }
      // Before parsing anything: a signed-out caller learns nothing about the route's input.
      const principal = options.auth === "public" ? null : await resolvePrincipal(request.headers);
      if (options.auth !== "public" && !principal) throw unauthorized();
      const params = options.params ? parseWith(options.params, (await context?.params) ?? {}, "params") : undefined;
      // A route without a query schema takes no query: an unknown parameter is a 400, which is
      // also the only way a lone `%` (decoded by Next.js into a literal one) can be refused.
      const query = parseQuery(options.query ?? NO_QUERY, new URL(request.url).searchParams);
      const body = options.body === undefined ? undefined : await readBody(request, options.body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      const result = await handler({ params, query, body, request, principal } as RouteInput<P, Q, B>);
      return respond(result, options.response);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

function parseWith<S extends Schema>(schema: S, value: unknown, source: "params" | "body"): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, source);
  return result.data;
}

async function readBody(request: Request, body: Schema | "text", maxBytes: number): Promise<unknown> {
  if (body === "text") return readBodyText(request, maxBytes);
  requireJsonContentType(request.headers.get("content-type"));
  return parseWith(body, parseJsonText(await readBodyText(request, maxBytes)), "body");
}

function respond(result: unknown, schema: Schema | undefined): Response {
  if (result instanceof Response) return result;
  const { body, init } = result instanceof Reply ? result : { body: result, init: {} as ResponseInit };
  if (!schema) throw new Error("a route without a response schema must return a Response");
  return jsonResponse(JSON.stringify(checkedBody(body, schema)), init);
}

/**
 * A success body parsed with its schema, as apiRoute sends it. One that does not match is logged,
 * and refused (500) outside production or with TRIBUTARY_STRICT_RESPONSES=1; sent as it is otherwise.
 */
export function checkedBody(body: unknown, schema: Schema): unknown {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  console.error("[api] response does not match its schema:", parsed.error.issues.slice(0, 5));
  if (strictResponses()) throw new ApiError("internal", "The response does not match its schema. The server log has the details.");
  return body;
}

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * A route file's exports with every other method answered by a JSON 405 (Next.js's own 405 has
 * no body). Use: `export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: apiRoute(...) })`.
 */
export function routeMethods(handlers: Partial<Record<Method, RouteHandler>>): Record<Method, RouteHandler> {
  const allowed = ALL_METHODS.filter((method) => handlers[method]);
  const refuse: RouteHandler = async (request) => toErrorResponse(methodNotAllowed(request.method, allowed), { allow: allowed.join(", ") });
  return Object.fromEntries(ALL_METHODS.map((method) => [method, handlers[method] ?? refuse])) as Record<Method, RouteHandler>;
}
