import { describe, expect, it } from "vitest";
import { parseAuthConfig } from "@/lib/auth/config";

const oidcEnv = {
  AUTH_MODE: "oidc",
  OIDC_ISSUER: "https://id.example.com/realms/main",
  OIDC_CLIENT_ID: "tributary",
  OIDC_CLIENT_SECRET: "s3cret",
  AUTH_BASE_URL: "https://tributary.example.com/",
};

describe("parseAuthConfig", () => {
  it("reads a complete oidc configuration with its defaults", () => {
    const config = parseAuthConfig({ ...oidcEnv, AUTH_ADMIN_GROUPS: "admins, ops", NODE_ENV: "production" });
    expect(config.mode).toBe("oidc");
    expect(config.baseUrl).toBe("https://tributary.example.com");
    expect(config.secureCookies).toBe(true);
    expect(config.oidc).toEqual({ issuer: oidcEnv.OIDC_ISSUER, clientId: "tributary", clientSecret: "s3cret", scopes: "openid profile email", groupsClaim: "groups" });
    expect(config.mapping.adminGroups).toEqual(["admins", "ops"]);
    expect(config.mapping.defaultRole).toBeNull();
    expect(config.sessionMaxAgeSeconds).toBe(12 * 3600);
    expect(config.sessionIdleSeconds).toBe(3600);
  });

  it("names every missing oidc setting in one error", () => {
    expect(() => parseAuthConfig({ AUTH_MODE: "oidc", OIDC_CLIENT_ID: "tributary" })).toThrowError(
      /OIDC_ISSUER: required when AUTH_MODE=oidc[\s\S]*OIDC_CLIENT_SECRET: required[\s\S]*AUTH_BASE_URL: required/,
    );
  });

  it("refuses an unknown mode and a malformed issuer", () => {
    expect(() => parseAuthConfig({ AUTH_MODE: "ldap" })).toThrowError(/AUTH_MODE: must be "oidc", "proxy" or "none"/);
    expect(() => parseAuthConfig({ ...oidcEnv, OIDC_ISSUER: "id.example.com" })).toThrowError(/OIDC_ISSUER: must be the issuer URL/);
  });

  it("drops Secure only for plain http on localhost", () => {
    expect(parseAuthConfig({ ...oidcEnv, AUTH_BASE_URL: "http://localhost:3000" }).secureCookies).toBe(false);
    expect(parseAuthConfig({ ...oidcEnv, AUTH_BASE_URL: "http://127.0.0.1:3000" }).secureCookies).toBe(false);
    expect(parseAuthConfig({ ...oidcEnv, AUTH_BASE_URL: "http://tributary.internal:3000" }).secureCookies).toBe(true);
  });

  it("refuses AUTH_MODE=none in production unless forced", () => {
    expect(() => parseAuthConfig({ NODE_ENV: "production" })).toThrowError(/AUTH_MODE=none turns sign-in off[\s\S]*AUTH_ALLOW_NONE=1/);
    expect(() => parseAuthConfig({ AUTH_MODE: "none", NODE_ENV: "production", AUTH_ALLOW_NONE: "0" })).toThrowError(/refused when NODE_ENV=production/);
    expect(parseAuthConfig({ AUTH_MODE: "none", NODE_ENV: "production", AUTH_ALLOW_NONE: "1" }).mode).toBe("none");
    expect(parseAuthConfig({ NODE_ENV: "development" }).mode).toBe("none");
  });

  it("needs trusted addresses or a shared secret in proxy mode", () => {
    expect(() => parseAuthConfig({ AUTH_MODE: "proxy" })).toThrowError(/AUTH_MODE=proxy needs AUTH_PROXY_TRUSTED .* or AUTH_PROXY_SECRET/);
    expect(() => parseAuthConfig({ AUTH_MODE: "proxy", AUTH_PROXY_SECRET: "short" })).toThrowError(/AUTH_PROXY_SECRET: must be at least 16 characters/);
    expect(() => parseAuthConfig({ AUTH_MODE: "proxy", AUTH_PROXY_TRUSTED: "10.0.0.0/8, 10.1.2.3/33, proxy.local" })).toThrowError(
      /"10.1.2.3\/33" is not an IP address or CIDR[\s\S]*"proxy.local" is not an IP address or CIDR/,
    );
    const config = parseAuthConfig({ AUTH_MODE: "proxy", AUTH_PROXY_TRUSTED: "10.0.0.0/8,::1", AUTH_PROXY_USER_HEADER: "X-Auth-Request-User" });
    expect(config.proxy?.trusted?.check("10.20.30.40", "ipv4")).toBe(true);
    expect(config.proxy?.trusted?.check("11.0.0.1", "ipv4")).toBe(false);
    expect(config.proxy?.trusted?.check("::1", "ipv6")).toBe(true);
    expect(config.proxy?.userHeader).toBe("x-auth-request-user");
    expect(config.proxy?.groupsHeader).toBe("x-forwarded-groups");
  });

  it("treats empty variables as unset", () => {
    expect(parseAuthConfig({ AUTH_MODE: "", OIDC_ISSUER: "", NODE_ENV: "test" }).mode).toBe("none");
  });
});
