import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import "@/app/globals.css";
import { Providers } from "@/app/providers";
import { Nav } from "@/components/ui/nav";
import { THEME_SCRIPT } from "@/components/ui/theme-toggle";
import { getConfig } from "@/lib/env";

export const metadata: Metadata = {
  title: { default: "Tributary", template: "%s · Tributary" },
  description: "How events flow between your services over Kafka, and who owns them.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const clusters = getConfig().clusters.map((cluster) => cluster.name);
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
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
