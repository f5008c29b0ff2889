import { getAuthConfig } from "@/lib/auth/config";
import { signInPageRedirect, startSignIn } from "@/lib/auth/sign-in-flow";

export const dynamic = "force-dynamic";

/** Starts an OpenID Connect sign-in (authorization code with PKCE); other modes have no sign-in of their own. */
export async function GET(request: Request): Promise<Response> {
  const config = getAuthConfig();
  if (config.mode !== "oidc" || !config.oidc) return signInPageRedirect(config, null, "/");
  return startSignIn(request, config, config.oidc);
}
