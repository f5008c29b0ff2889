import { describe, expect, it } from "vitest";
import { createNonce, pageContentSecurityPolicy } from "@/lib/security/headers";

describe("page Content-Security-Policy", () => {
  const directives = (policy: string) => new Map(policy.split("; ").map((part) => [part.split(" ")[0]!, part.split(" ").slice(1)]));

  it("allows scripts only with the nonce, never inline", () => {
    const policy = directives(pageContentSecurityPolicy("abc123==", { development: false }));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    // A nonce in style-src would switch 'unsafe-inline' off, and chart/graph style attributes with it.
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(pageContentSecurityPolicy("n", { development: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy("n", { development: false })).not.toContain("unsafe-eval");
  });

  it("makes a different 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});
