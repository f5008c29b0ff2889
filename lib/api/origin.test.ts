import { describe, expect, it } from "vitest";
import { decideOrigin, ownOrigin } from "@/lib/api/origin";

const headers = (values: Record<string, string>) => new Headers(values);

describe("decideOrigin (state-changing requests)", () => {
  it("allows requests with neither Origin nor Sec-Fetch-Site: curl, CI jobs, scripts", () => {
    expect(decideOrigin(headers({ host: "tributary.example" }))).toEqual({ allowed: true });
  });

  it("allows the app's own origin, from Host or from the proxy's X-Forwarded-Host/Proto", () => {
    expect(decideOrigin(headers({ host: "localhost:3000", origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).toEqual({ allowed: true });
    expect(
      decideOrigin(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "tributary.example", "x-forwarded-proto": "https", origin: "https://tributary.example" })),
    ).toEqual({ allowed: true });
    expect(decideOrigin(headers({ host: "tributary.example", "sec-fetch-site": "none" }))).toEqual({ allowed: true });
  });

  it("refuses Sec-Fetch-Site cross-site and same-site whatever the Origin says", () => {
    expect(decideOrigin(headers({ host: "a.example", "sec-fetch-site": "cross-site" }))).toEqual({
      allowed: false,
      reason: "Cross-site request refused (Sec-Fetch-Site: cross-site)",
    });
    expect(decideOrigin(headers({ host: "a.example", origin: "http://a.example", "sec-fetch-site": "same-site" }))).toEqual({
      allowed: false,
      reason: "Cross-site request refused (Sec-Fetch-Site: same-site)",
    });
  });

  it("refuses a foreign Origin, a different port or scheme, and the opaque origin null", () => {
    expect(decideOrigin(headers({ host: "localhost:3000", origin: "https://evil.example" }))).toEqual({
      allowed: false,
      reason: "Cross-site request refused (Origin: https://evil.example)",
    });
    expect(decideOrigin(headers({ host: "localhost:3000", origin: "http://localhost:3001" })).allowed).toBe(false);
    expect(decideOrigin(headers({ host: "t.example", "x-forwarded-proto": "https", origin: "http://t.example" })).allowed).toBe(false);
    expect(decideOrigin(headers({ host: "localhost:3000", origin: "null" }))).toEqual({
      allowed: false,
      reason: "Cross-site request refused (Origin: null)",
    });
  });

  it("compares hosts case-insensitively and with the scheme's default port", () => {
    expect(decideOrigin(headers({ host: "Tributary.Example", origin: "http://tributary.example" })).allowed).toBe(true);
    expect(decideOrigin(headers({ host: "t.example:443", "x-forwarded-proto": "https", origin: "https://t.example" })).allowed).toBe(true);
  });

  it("reads the first of comma-separated forwarded values and falls back to the request URL", () => {
    expect(ownOrigin(headers({ "x-forwarded-host": "a.example, b.internal", "x-forwarded-proto": "https, http" }))).toEqual({ host: "a.example", protocol: "https:" });
    expect(ownOrigin(headers({}), "http://127.0.0.1:3100/api/x")).toEqual({ host: "127.0.0.1:3100", protocol: null });
  });
});
