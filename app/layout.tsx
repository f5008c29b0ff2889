import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense, type ReactNode } from "react";
import "@/app/globals.css";
import { Providers } from "@/app/providers";
import { Nav } from "@/components/ui/nav";
import { THEME_SCRIPT } from "@/components/ui/theme-toggle";
import { getConfig } from "@/lib/env";
import { CSP_SAFE_ZOD_SCRIPT } from "@/lib/security/headers";

export const metadata: Metadata = {
  title: { default: "Tributary", template: "%s · Tributary" },
  description: "How events flow between your services over Kafka, and who owns them.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts a fresh nonce on every page request; the CSP lets only scripts carrying it run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const clusters = getConfig().clusters.map((cluster) => cluster.name);
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: CSP_SAFE_ZOD_SCRIPT }} />
      </head>
      <body>
        <Providers>
          <div className="app">
            <Suspense fallback={<nav aria-label="Main" />}>
              <Nav clusters={clusters} />
            </Suspense>
            <main className="main">{children}</main>
          </div>
        </Providers>
      </body>
    </html>
  );
}
