import "server-only";
import * as client from "openid-client";
import type { AuthConfig, OidcSettings } from "@/lib/auth/config";
import { readGroupsClaim, type Identity } from "@/lib/auth/claims";

const globalForOidc = globalThis as unknown as { tributaryOidc?: { key: string; configuration: Promise<client.Configuration> } };

/**
 * The provider's configuration from its discovery document, fetched once per process (a failed
 * fetch is retried on the next sign-in). Plain http is allowed only for an issuer on localhost,
 * i.e. the local Keycloak of the demo and the tests.
 */
export function getOidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  if (globalForOidc.tributaryOidc?.key === key) return globalForOidc.tributaryOidc.configuration;
  const issuer = new URL(settings.issuer);
  const local = issuer.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
  const configuration = client.discovery(issuer, settings.clientId, { client_secret: settings.clientSecret }, client.ClientSecretBasic(settings.clientSecret), {
    execute: local ? [client.allowInsecureRequests] : [],
    timeout: 10,
  });
  configuration.catch(() => {
    if (globalForOidc.tributaryOidc?.configuration === configuration) globalForOidc.tributaryOidc = undefined;
  });
  globalForOidc.tributaryOidc = { key, configuration };
  return configuration;
}

/** What the callback needs to check the provider's answer: kept in a short-lived httpOnly cookie. */
export type LoginAttempt = { state: string; nonce: string; verifier: string; returnTo: string };
export const LOGIN_COOKIE = "tributary_login";
export const LOGIN_COOKIE_MAX_AGE = 600;

export const callbackUrl = (config: AuthConfig) => `${config.baseUrl}/auth/callback`;

/** The provider's authorization URL for a fresh attempt (code flow, PKCE S256, state and nonce). */
export async function beginLogin(config: AuthConfig, settings: OidcSettings, returnTo: string): Promise<{ url: URL; attempt: LoginAttempt }> {
  const configuration = await getOidcConfiguration(settings);
  const attempt: LoginAttempt = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), returnTo };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: callbackUrl(config),
    scope: settings.scopes,
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
    code_challenge_method: "S256",
  });
  return { url, attempt };
}

/**
 * Redeems the provider's answer at `currentUrl` (state, nonce, PKCE and the ID token's signature,
 * issuer, audience and expiry are checked by openid-client); returns who signed in.
 */
export async function completeLogin(settings: OidcSettings, currentUrl: URL, attempt: LoginAttempt): Promise<{ identity: Identity; idToken: string | null }> {
  const configuration = await getOidcConfiguration(settings);
  const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
    pkceCodeVerifier: attempt.verifier,
    expectedState: attempt.state,
    expectedNonce: attempt.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("the provider sent no ID token");
  const text = (name: string) => (typeof claims[name] === "string" && (claims[name] as string).trim() ? (claims[name] as string).trim() : null);
  const email = text("email");
  return {
    identity: {
      subject: claims.sub,
      name: (text("name") ?? text("preferred_username") ?? email ?? claims.sub).slice(0, 200),
      email: email?.slice(0, 320) ?? null,
      groups: readGroupsClaim(claims[settings.groupsClaim]),
    },
    idToken: tokens.id_token ?? null,
  };
}

/** The provider's end-session URL (RP-initiated logout), or null when it has none. */
export async function endSessionUrl(settings: OidcSettings, idToken: string | null, postLogoutRedirect: string): Promise<URL | null> {
  const configuration = await getOidcConfiguration(settings);
  if (!configuration.serverMetadata().end_session_endpoint) return null;
  return client.buildEndSessionUrl(configuration, {
    post_logout_redirect_uri: postLogoutRedirect,
    client_id: settings.clientId,
    ...(idToken ? { id_token_hint: idToken } : {}),
  });
}

export function encodeAttempt(attempt: LoginAttempt): string {
  return Buffer.from(JSON.stringify(attempt)).toString("base64url");
}

export function decodeAttempt(value: string | null | undefined): LoginAttempt | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<LoginAttempt>;
    const fields = [parsed.state, parsed.nonce, parsed.verifier, parsed.returnTo];
    return fields.every((field) => typeof field === "string") ? (parsed as LoginAttempt) : null;
  } catch {
    return null;
  }
}

/** Only a path on this site: an open redirect through the sign-in page is refused. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value)) return "/";
  if (value.startsWith("/auth/") || value.startsWith("/sign-in")) return "/";
  return value.slice(0, 2000);
}
