/**
 * Security headers of every response. Pages get a nonce-based Content-Security-Policy (Next.js
 * reads the nonce from the request's CSP header and puts it on its own scripts); API responses are
 * never rendered as documents, so they get a policy that allows nothing.
 *
 * Styles: recharts and React Flow set inline `style` attributes, which only 'unsafe-inline' allows
 * (a nonce cannot cover attributes, and a nonce in style-src would disable 'unsafe-inline').
 * Scripts stay strict: no 'unsafe-inline'; 'unsafe-eval' only in development, where React uses
 * eval for its error overlays.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    // The development server's hot reload talks over a WebSocket.
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers that do not depend on the response; also set in next.config.mjs for static files. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Runs before the app's bundles (inlined in <head> with the nonce). Zod 4 probes `new Function`
 * when it builds an object schema, to compile fast parsers; under this CSP the probe fails
 * harmlessly but Chromium still reports it as a violation. `jitless` skips the probe.
 */
export const CSP_SAFE_ZOD_SCRIPT = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});";
