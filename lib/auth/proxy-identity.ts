import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { ProxySettings } from "@/lib/auth/config";
import type { Identity } from "@/lib/auth/claims";
import { readGroupsClaim } from "@/lib/auth/claims";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";

/**
 * Whether this request came through the authenticating proxy: its TCP peer is one of
 * AUTH_PROXY_TRUSTED, or it carries AUTH_PROXY_SECRET. X-Forwarded-For is never consulted: any
 * client can write it.
 */
export function isFromTrustedProxy(headers: Headers, settings: ProxySettings): boolean {
  if (settings.secret) {
    const sent = headers.get(settings.secretHeader);
    if (sent !== null && safeEqual(sent, settings.secret)) return true;
  }
  if (settings.trusted) {
    const peer = normalizePeer(headers.get(PEER_ADDRESS_HEADER) ?? "");
    if (peer && settings.trusted.check(peer.address, peer.family)) return true;
  }
  return false;
}

/** The proxy's user, or null when the request is not from the proxy or names nobody. */
export function readProxyIdentity(headers: Headers, settings: ProxySettings): Identity | null {
  if (!isFromTrustedProxy(headers, settings)) return null;
  const user = headers.get(settings.userHeader)?.trim();
  const email = headers.get(settings.emailHeader)?.trim() || null;
  const subject = user || email;
  if (!subject) return null;
  return { subject: subject.slice(0, 200), name: subject.slice(0, 200), email: email?.slice(0, 320) ?? null, groups: readGroupsClaim(headers.get(settings.groupsHeader) ?? "") };
}

/** `::ffff:10.0.0.5` (IPv4 on a dual-stack socket) is checked as the IPv4 address it is. */
export function normalizePeer(raw: string): { address: string; family: "ipv4" | "ipv6" } | null {
  const address = raw.startsWith("::ffff:") && isIP(raw.slice(7)) === 4 ? raw.slice(7) : raw;
  const family = isIP(address);
  if (family === 4) return { address, family: "ipv4" };
  if (family === 6) return { address, family: "ipv6" };
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
