import { describe, expect, it } from "vitest";
import { MAX_API_URL_LENGTH, checkRawApiTarget, checkRawApiUrl, decodeSegment, isApiTarget } from "@/lib/api/raw-url";

describe("raw /api URL checks", () => {
  it("decodes a segment once, as Next.js does for params: %25 stays a percent sign", () => {
    expect(decodeSegment("50%25off")).toBe("50%off");
    expect(decodeSegment("a%2Fb")).toBe("a/b");
    expect(decodeSegment("a%23b%3Fc%20d")).toBe("a#b?c d");
    expect(decodeSegment("caf%C3%A9")).toBe("café");
    expect(decodeSegment("%E0%A4%A")).toBe(null);
    expect(decodeSegment("%")).toBe(null);
    expect(decodeSegment("a%zz")).toBe(null);
  });

  it("answers malformed escapes with 400 and the API's error body", () => {
    expect(checkRawApiUrl("/api/clusters/local/groups/%E0%A4%A", "")).toEqual({
      status: 400,
      body: { error: { code: "bad_request", message: 'Malformed percent-escape in the path segment "%E0%A4%A"' } },
    });
    expect(checkRawApiUrl("/api/clusters/local/groups/50%25off", "?range=1h")).toBe(null);
  });

  it("answers an over-long URL with 414", () => {
    expect(checkRawApiUrl("/api/x", `?q=${"a".repeat(MAX_API_URL_LENGTH)}`)?.status).toBe(414);
    expect(checkRawApiUrl("/api/x", `?q=${"a".repeat(MAX_API_URL_LENGTH - 20)}`)).toBe(null);
  });
});

describe("raw request targets (before Next.js decodes the query)", () => {
  it("finds malformed escapes in query names and values that Next.js would turn into literal text", () => {
    for (const query of ["search=1%%", "search=x%zz", "fz=%", "a=%E0%A4%A", "a=%ED%A0%80", "%zz=1", "a=%2"]) {
      expect(checkRawApiTarget(`/api/clusters/local/groups?${query}`)?.status, query).toBe(400);
    }
    expect(checkRawApiTarget("/api/clusters/local/groups?search=1%%")?.body.error.message).toBe('Malformed percent-escape in the query parameter "search"');
  });

  it("lets well-formed targets through, %25 and + included", () => {
    for (const target of ["/api/clusters/local/groups?search=50%25off+x&page=2", "/api", "/api?x", "/api/clusters/local/groups/caf%C3%A9/history?range=1h&topic="]) {
      expect(checkRawApiTarget(target), target).toBe(null);
    }
    expect(checkRawApiTarget("/api/clusters/local/groups/%E0%A4%A")?.status).toBe(400);
  });

  it("guards /api and below only", () => {
    expect([isApiTarget("/api"), isApiTarget("/api/x"), isApiTarget("/api?x=1"), isApiTarget("/apis"), isApiTarget("/clusters/local")]).toEqual([true, true, true, false, false]);
  });
});
