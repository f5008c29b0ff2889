import { getAuthConfig } from "@/lib/auth/config";
import { finishSignIn, signInPageRedirect } from "@/lib/auth/sign-in-flow";

export const dynamic = "force-dynamic";

/** Where the OpenID provider sends the browser back (the redirect URI registered as <AUTH_BASE_URL>/auth/callback). */
export async function GET(request: Request): Promise<Response> {
  const config = getAuthConfig();
  if (config.mode !== "oidc" || !config.oidc) return signInPageRedirect(config, null, "/");
  return finishSignIn(request, config, config.oidc);
}
