import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAuthConfig } from "@/lib/auth/config";
import { safeReturnTo } from "@/lib/auth/oidc";
import { getPagePrincipal } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  provider: "The identity provider did not sign you in. Try again; if it keeps failing, ask your administrator.",
  state: "That sign-in answer did not match a sign-in started here (it may have been replayed or started in another tab). Try again.",
  expired: "The sign-in took too long or was started in another browser. Try again.",
  "no-role": "You signed in, but your account is in none of the groups Tributary admits. Ask your administrator for access.",
  unavailable: "The identity provider cannot be reached right now. Try again in a moment.",
};

type Search = { returnTo?: string; error?: string; signedOut?: string };

/** The landing page of signed-out visitors: why they are here, the sign-in button, and (in the demo) who to sign in as. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const returnTo = safeReturnTo(typeof search.returnTo === "string" ? search.returnTo : null);
  const config = getAuthConfig();
  if (config.mode === "none" || (await getPagePrincipal())) redirect(returnTo);
  const error = typeof search.error === "string" ? ERRORS[search.error] : undefined;
  const demoUsers = config.demoUsersHint?.split(";").map((entry) => entry.trim()).filter(Boolean) ?? [];
  return (
    <section style={{ maxWidth: 560 }}>
      <h1>Sign in to Tributary</h1>
      {search.signedOut === "1" && !error && <p className="banner info" data-testid="signed-out">You are signed out.</p>}
      {error && (
        <p className="banner danger" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      {config.mode === "oidc" ? (
        <p>
          <a href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`} data-testid="sign-in-link" className="badge" style={{ fontSize: "1rem", padding: "0.45rem 0.9rem" }}>
            Sign in with your organisation&apos;s account
          </a>
        </p>
      ) : (
        <p>Tributary is signed in through your organisation&apos;s proxy. Open it through that proxy&apos;s address to sign in.</p>
      )}
      {demoUsers.length > 0 && (
        <div className="card" data-testid="demo-users">
          <h2 style={{ marginTop: 0 }}>Demo users</h2>
          <p className="subtle">The local Keycloak of `npm run demo` has these users (user name / password — role):</p>
          <ul>
            {demoUsers.map((entry) => (
              <li key={entry} className="mono">
                {entry}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
