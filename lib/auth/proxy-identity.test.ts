import { describe, expect, it } from "vitest";
import { parseAuthConfig } from "@/lib/auth/config";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";
import { normalizePeer, readProxyIdentity } from "@/lib/auth/proxy-identity";

const settings = parseAuthConfig({ AUTH_MODE: "proxy", AUTH_PROXY_TRUSTED: "10.0.0.5/32", AUTH_PROXY_SECRET: "a-long-shared-secret" }).proxy!;
const identityHeaders = { "x-forwarded-user": "cora", "x-forwarded-email": "cora@shop.example", "x-forwarded-groups": "tributary-editors,team-commerce" };

describe("readProxyIdentity", () => {
  it("believes the headers from a trusted peer, including an IPv4-mapped one", () => {
    for (const peer of ["10.0.0.5", "::ffff:10.0.0.5"]) {
      expect(readProxyIdentity(new Headers({ ...identityHeaders, [PEER_ADDRESS_HEADER]: peer }), settings)).toEqual({
        subject: "cora", name: "cora", email: "cora@shop.example", groups: ["tributary-editors", "team-commerce"],
      });
    }
  });

  it("believes them with the shared secret from any peer", () => {
    const headers = new Headers({ ...identityHeaders, [PEER_ADDRESS_HEADER]: "192.168.1.9", "x-tributary-proxy-secret": "a-long-shared-secret" });
    expect(readProxyIdentity(headers, settings)?.subject).toBe("cora");
  });

  it("ignores them from an untrusted peer, with a wrong secret or a spoofed X-Forwarded-For", () => {
    const untrusted = { ...identityHeaders, [PEER_ADDRESS_HEADER]: "192.168.1.9", "x-forwarded-for": "10.0.0.5" };
    expect(readProxyIdentity(new Headers(untrusted), settings)).toBeNull();
    expect(readProxyIdentity(new Headers({ ...untrusted, "x-tributary-proxy-secret": "a-long-shared-secreT" }), settings)).toBeNull();
    expect(readProxyIdentity(new Headers(identityHeaders), settings)).toBeNull();
  });

  it("names nobody when the proxy sends no user", () => {
    expect(readProxyIdentity(new Headers({ [PEER_ADDRESS_HEADER]: "10.0.0.5" }), settings)).toBeNull();
  });
});

describe("normalizePeer", () => {
  it("reads IPv4, IPv6 and IPv4-mapped addresses and refuses anything else", () => {
    expect(normalizePeer("::ffff:127.0.0.1")).toEqual({ address: "127.0.0.1", family: "ipv4" });
    expect(normalizePeer("::1")).toEqual({ address: "::1", family: "ipv6" });
    expect(normalizePeer("")).toBeNull();
    expect(normalizePeer("localhost")).toBeNull();
  });
});
