import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense, type ReactNode } from "react";
import "@/app/globals.css";
import { Providers } from "@/app/providers";
import { Nav } from "@/components/ui/nav";
import { THEME_SCRIPT } from "@/components/ui/theme-toggle";
import { getConfig } from "@/lib/env";
import { AuthOffBanner } from "@/components/auth/auth-off-banner";
import { UserMenu } from "@/components/auth/user-menu";
import { getAuthConfig } from "@/lib/auth/config";
import { getPagePrincipal } from "@/lib/auth/page";
import { isPublicPage, signInPath } from "@/lib/auth/page-gate";
import { RAW_PATH_HEADER } from "@/lib/page-urls";
import { redirect } from "next/navigation";
import { CSP_SAFE_ZOD_SCRIPT } from "@/lib/security/headers";

export const metadata: Metadata = {
  title: { default: "Tributary", template: "%s · Tributary" },
  description: "How events flow between your services over Kafka, and who owns them.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts a fresh nonce on every page request; the CSP lets only scripts carrying it run.
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const clusters = getConfig().clusters.map((cluster) => cluster.name);
  // Signed-out visitors see the sign-in page and nothing else (proxy.ts already sent cookie-less ones there).
  const principal = await getPagePrincipal();
  const path = requestHeaders.get(RAW_PATH_HEADER) ?? "/";
  if (!principal && !isPublicPage(path)) redirect(signInPath(path));
  const authMode = getAuthConfig().mode;
  const account = principal ? (
    <UserMenu name={principal.email ?? principal.name} role={principal.role} teams={principal.teams} canSignOut={authMode === "oidc"} />
  ) : null;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: CSP_SAFE_ZOD_SCRIPT }} />
      </head>
      <body>
        <Providers>
          <div className="app">
            {principal ? (
              <Suspense fallback={<nav aria-label="Main" />}>
                <Nav clusters={clusters} account={account} />
              </Suspense>
            ) : (
              <nav aria-label="Main" />
            )}
            <main className="main">
              {authMode === "none" && <AuthOffBanner />}
              {children}
            </main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
