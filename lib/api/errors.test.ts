import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError, fromZodError, notFound, toApiError, toErrorResponse } from "@/lib/api/errors";
import { requireWritten } from "@/lib/api/write-result";

describe("error mapping", () => {
  it("gives every ApiError its status and the agreed body", async () => {
    const response = toErrorResponse(notFound('consumer group "50%off"'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: 'consumer group "50%off" not found' } });
  });

  it("maps zod failures by where the value came from: URL 400, body 422 with fieldErrors", () => {
    const schema = z.object({ name: z.string().min(1, "Name is required") });
    const failure = schema.safeParse({ name: "" }).error!;
    const query = fromZodError(failure, "query");
    expect([query.status, query.code, query.message, query.details]).toEqual([400, "bad_request", "name: Name is required", { fieldErrors: { name: ["Name is required"] } }]);
    const body = fromZodError(failure, "body");
    expect([body.status, body.code, body.details]).toEqual([422, "unprocessable", { fieldErrors: { name: ["Name is required"] } }]);
  });

  it("turns an unreachable database into 503 with a readable reason and anything else into a bare 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refused = toApiError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect([refused.status, refused.message]).toEqual([503, "The catalog database cannot be reached. Check DATABASE_URL and that PostgreSQL is running."]);
    const response = toErrorResponse(new TypeError("cannot read properties of undefined (reading 'secret')"));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "internal", message: "Internal server error. The server log has the details." } });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("maps every catalog write failure, the malformed reason included", () => {
    const status = (result: unknown) => {
      try {
        requireWritten(result as never);
      } catch (error) {
        return [(error as ApiError).status, (error as ApiError).code, (error as ApiError).details];
      }
      return "no error";
    };
    expect(requireWritten({ ok: true, record: { slug: "a" } })).toEqual({ slug: "a" });
    expect(status({ ok: false, reason: "malformed", message: "control character", fieldErrors: { name: ["no control characters"] } })).toEqual([
      400,
      "bad_request",
      { fieldErrors: { name: ["no control characters"] } },
    ]);
    expect(status({ ok: false, reason: "invalid", message: "m", fieldErrors: { a: ["b"] } })).toEqual([422, "unprocessable", { fieldErrors: { a: ["b"] } }]);
    expect(status({ ok: false, reason: "not-found", message: "m" })).toEqual([404, "not_found", undefined]);
    expect(status({ ok: false, reason: "conflict", message: "m", current: { version: 2 } })).toEqual([409, "conflict", { current: { version: 2 } }]);
    expect(status({ ok: false, reason: "refused", message: "m" })).toEqual([409, "conflict", { refused: true }]);
  });
});
