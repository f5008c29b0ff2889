import { describe, expect, it } from "vitest";
import { COMPRESS_FROM_BYTES, jsonResponse } from "@/lib/api/json-response";

describe("jsonResponse", () => {
  it("sends a small answer as JSON that no cache keeps and nothing compresses", async () => {
    const response = jsonResponse(JSON.stringify({ rows: [1, 2, 3] }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await response.json()).toEqual({ rows: [1, 2, 3] });
  });

  it("leaves an answer of COMPRESS_FROM_BYTES or more to be compressed", async () => {
    // A JSON string of n characters is n + 2 bytes with its quotes.
    const jsonOf = (bytes: number) => new TextEncoder().encode(JSON.stringify("x".repeat(bytes - 2)));
    expect(jsonResponse(jsonOf(COMPRESS_FROM_BYTES - 1)).headers.get("cache-control")).toBe("no-store, no-transform");
    const response = jsonResponse(jsonOf(COMPRESS_FROM_BYTES));
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await response.text()).length).toBe(COMPRESS_FROM_BYTES);
    expect(jsonResponse("x".repeat(COMPRESS_FROM_BYTES)).headers.get("cache-control")).toBe("no-store");
  });

  it("keeps the status and the headers it is given, a cache-control among them", () => {
    const response = jsonResponse("{}", { status: 404, headers: { "cache-control": "private, max-age=5", allow: "GET" } });
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("private, max-age=5");
    expect(response.headers.get("allow")).toBe("GET");
    expect(response.headers.get("content-type")).toBe("application/json");
    const typed = jsonResponse("{}", { headers: new Headers({ "content-type": "application/problem+json" }) });
    expect(typed.headers.get("content-type")).toBe("application/problem+json");
  });
});
