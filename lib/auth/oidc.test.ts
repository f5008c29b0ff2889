import { describe, expect, it } from "vitest";
import { decodeAttempt, encodeAttempt, safeReturnTo } from "@/lib/auth/oidc";
import { isPublicPage, signInPath } from "@/lib/auth/page-gate";

describe("safeReturnTo", () => {
  it("keeps paths on this site", () => {
    expect(safeReturnTo("/catalog/services/orders?saved=1")).toBe("/catalog/services/orders?saved=1");
  });

  it("refuses other sites, protocol-relative and backslash tricks, control characters and the sign-in routes", () => {
    for (const value of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "catalog", "/a\u0000b", "/auth/logout", "/sign-in?returnTo=/x", "", null, undefined]) {
      expect(safeReturnTo(value), String(value)).toBe("/");
    }
  });
});

describe("login attempt cookie", () => {
  it("round-trips and refuses anything malformed", () => {
    const attempt = { state: "s", nonce: "n", verifier: "v", returnTo: "/x" };
    expect(decodeAttempt(encodeAttempt(attempt))).toEqual(attempt);
    expect(decodeAttempt("not-base64-json")).toBeNull();
    expect(decodeAttempt(Buffer.from(JSON.stringify({ state: "s" })).toString("base64url"))).toBeNull();
    expect(decodeAttempt(null)).toBeNull();
  });
});

describe("page gate", () => {
  it("leaves the sign-in page and the OIDC routes open and sends everything else to sign in", () => {
    expect(isPublicPage("/sign-in")).toBe(true);
    expect(isPublicPage("/auth/callback")).toBe(true);
    expect(isPublicPage("/catalog")).toBe(false);
    expect(isPublicPage("/sign-inx")).toBe(false);
    expect(signInPath("/")).toBe("/sign-in");
    expect(signInPath("/catalog/teams?x=1")).toBe("/sign-in?returnTo=%2Fcatalog%2Fteams%3Fx%3D1");
  });
});
