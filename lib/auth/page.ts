import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { can, type Action } from "@/lib/auth/permissions";
import { resolvePrincipal } from "@/lib/auth/principal";
import type { Principal } from "@/lib/auth/types";
import { signInPath } from "@/lib/auth/page-gate";
import { RAW_PATH_HEADER } from "@/lib/page-urls";

/** The principal of the page being rendered (once per render: layout and page share it). null = signed out. */
export const getPagePrincipal = cache(async (): Promise<Principal | null> => resolvePrincipal(await headers()));

/** The page's principal, or a redirect to the sign-in page (which returns here afterwards). */
export async function requirePagePrincipal(returnTo: string): Promise<Principal> {
  const principal = await getPagePrincipal();
  if (!principal) redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  return principal;
}

/** Whether the page's principal may do `action`: pages pass the answer down so components hide what would be refused. */
export async function pageCan(action: Action): Promise<boolean> {
  return can(await getPagePrincipal(), action);
}

/** Whether the page's principal may create a service or contract for at least one team (an admin, or an editor with a team). */
export async function pageCanWriteSomeTeam(): Promise<boolean> {
  const principal = await getPagePrincipal();
  return principal !== null && (principal.role === "admin" || (principal.role === "editor" && principal.teams.length > 0));
}

/**
 * The page's principal, or a redirect to sign in (returning to this page). Every page that shows
 * data calls it first: the root layout checks the session only on a full page load (layouts are not
 * rendered again when someone follows a link inside the app), and proxy.ts only sees whether a
 * session cookie is there, not whether it has expired or was signed out.
 */
export async function requireSignedIn(): Promise<Principal> {
  const principal = await getPagePrincipal();
  if (!principal) redirect(signInPath((await headers()).get(RAW_PATH_HEADER) ?? "/"));
  return principal;
}
