import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseQuery, searchParamsToQuery } from "@/lib/api/query";
import { groupListQuerySchema } from "@/lib/validation/observability";
import { deleteQuerySchema } from "@/lib/validation/api/write";

const thrown = (run: () => unknown): ApiError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("did not throw");
};

describe("query parsing", () => {
  it("drops empty values so defaults apply", () => {
    expect(searchParamsToQuery(new URLSearchParams("search=&page=2"))).toEqual({ search: undefined, page: "2" });
    expect(parseQuery(groupListQuerySchema, new URLSearchParams("search=&page=2"))).toMatchObject({ search: "", page: 2 });
    // …but an unknown name given empty (`?x`) is still unknown to a strict schema.
    expect(thrown(() => parseQuery(z.strictObject({}), new URLSearchParams("x"))).status).toBe(400);
  });

  it("refuses a name given twice with 400 instead of taking the last one", () => {
    const error = thrown(() => searchParamsToQuery(new URLSearchParams("limit=3&limit=4")));
    expect([error.status, error.code, error.message]).toEqual([400, "bad_request", 'Query parameter "limit" is given more than once']);
  });

  it("refuses U+FFFD, the trace Next.js leaves of a malformed percent-escape", () => {
    // What `?a=%E0%A4%A` arrives as inside a route handler.
    const error = thrown(() => searchParamsToQuery(new URLSearchParams("a=%EF%BF%BD%25A")));
    expect([error.status, error.message]).toEqual([400, 'Query parameter "a" has a malformed percent-escape']);
  });

  it("never coerces a wrong type: [3], 1e1, 0x10 and ' 3' are not numbers", () => {
    for (const value of ["[3]", "1e1", "0x10", " 3", "-1", "1.5"]) {
      const error = thrown(() => parseQuery(groupListQuerySchema, new URLSearchParams({ page: value })));
      expect(error.status, value).toBe(400);
      expect(error.details?.fieldErrors, value).toEqual({ page: ["must be a whole number, 1 or more"] });
    }
    expect(parseQuery(groupListQuerySchema, new URLSearchParams("page=3")).page).toBe(3);
    expect(thrown(() => parseQuery(groupListQuerySchema, new URLSearchParams("page=0"))).details?.fieldErrors).toEqual({ page: ["must be a whole number, 1 or more"] });
    expect(thrown(() => parseQuery(deleteQuerySchema, new URLSearchParams("version=[3]"))).status).toBe(400);
    expect(parseQuery(deleteQuerySchema, new URLSearchParams("version=3")).version).toBe(3);
    expect(parseQuery(deleteQuerySchema, new URLSearchParams("")).version).toBe(null);
  });

  it("names the range a page size must be in, whatever is wrong with it", () => {
    for (const value of ["-5", "0", "501", "1e2", "99999999999999999"]) {
      const error = thrown(() => parseQuery(groupListQuerySchema, new URLSearchParams({ pageSize: value })));
      expect([error.status, error.message], value).toEqual([400, "pageSize: must be a whole number from 1 to 500"]);
      expect(error.details?.fieldErrors, value).toEqual({ pageSize: ["must be a whole number from 1 to 500"] });
    }
    expect(parseQuery(groupListQuerySchema, new URLSearchParams("pageSize=500")).pageSize).toBe(500);
    expect(parseQuery(groupListQuerySchema, new URLSearchParams("pageSize=1")).pageSize).toBe(1);
  });

  it("reports a zod failure as 400 naming the parameter", () => {
    const error = thrown(() => parseQuery(z.object({ range: z.enum(["1h", "24h"]) }).strict(), new URLSearchParams("range=2h")));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^range: /);
  });
});

describe("control characters in the query", () => {
  it("refuses NUL, ESC and DEL in a value or a name with 400", () => {
    for (const query of ["search=%00", "search=a%1Bb", "search=%7F", "a%00=1"]) {
      const error = thrown(() => searchParamsToQuery(new URLSearchParams(query)));
      expect([error.status, error.code], query).toEqual([400, "bad_request"]);
    }
    expect(thrown(() => searchParamsToQuery(new URLSearchParams("search=a%1Bb"))).message).toBe('Query parameter "search" holds a control character');
    expect(searchParamsToQuery(new URLSearchParams("search=50%25off%20caf%C3%A9"))).toEqual({ search: "50%off café" });
  });
});

describe("message browser query", () => {
  it("takes digits only for partition, offset, timestamp and limit", async () => {
    const { messageQuerySchema } = await import("@/lib/validation/observability");
    for (const query of ["limit=0x10", "limit=1e1", "partition=1.0", "offset=[3]&from=offset", "timestamp=-1&from=timestamp"]) {
      expect(thrown(() => parseQuery(messageQuerySchema, new URLSearchParams(query))).status, query).toBe(400);
    }
    expect(thrown(() => parseQuery(messageQuerySchema, new URLSearchParams("limit=201"))).details?.fieldErrors).toEqual({ limit: ["must be a whole number from 1 to 200"] });
    expect(thrown(() => parseQuery(messageQuerySchema, new URLSearchParams("partition=2147483648"))).status).toBe(400);
    expect(parseQuery(messageQuerySchema, new URLSearchParams("partition=2147483647")).partition).toBe(2147483647);
    expect(parseQuery(messageQuerySchema, new URLSearchParams("from=offset&offset=9007199254740991&partition=3&limit=5"))).toEqual({
      from: "offset",
      offset: 9007199254740991,
      partition: 3,
      limit: 5,
    });
  });
});
