"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import styles from "@/components/ui/nav.module.css";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { AlertCountBadge } from "@/components/alerts/alert-count-badge";
import { currentCluster, withClusterQuery } from "@/components/ui/cluster-link";
import { clusterPageHref, switchClusterHref, type ClusterSection } from "@/lib/page-urls";

const CLUSTER_LINKS: { section: ClusterSection | null; label: string }[] = [
  { section: null, label: "Overview" },
  { section: "flows", label: "Flows" },
  { section: "topics", label: "Topics" },
  { section: "groups", label: "Consumer groups" },
];

/** `account`: the signed-in user's menu (components/auth/user-menu.tsx), built by the layout. */
export function Nav({ clusters, account }: { clusters: string[]; account?: ReactNode }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const cluster = currentCluster(pathname, searchParams, clusters);
  const overview = cluster ? clusterPageHref(cluster) : "/";
  const links = [
    ...CLUSTER_LINKS.map(({ section, label }) => ({ href: cluster ? clusterPageHref(cluster, section ?? undefined) : "/", label, section })),
    { href: withClusterQuery("/catalog", cluster, clusters), label: "Catalog", section: "catalog" as const },
    { href: "/alerts", label: "Alerts", section: "alerts" as const },
  ];

  return (
    <nav className={styles.sidebar} aria-label="Main">
      <Link href={overview} className={styles.brand}>
        <span aria-hidden>≋</span> Tributary
      </Link>
      <div className={styles.links}>
        {links.map((link) => {
          const path = link.href.split("?")[0];
          const active = link.section === null ? pathname === path : pathname === path || pathname.startsWith(`${path}/`);
          return (
            <Link
              key={link.label}
              href={link.href}
              className={`${styles.link} ${active ? styles.active : ""}`}
              aria-current={active ? "page" : undefined}
            >
              {link.label}
              {link.section === "alerts" && <AlertCountBadge />}
            </Link>
          );
        })}
      </div>
      <div className={styles.footer}>
        {account}
        {clusters.length > 1 && (
          <label className={styles.label}>
            Cluster
            <select
              data-testid="cluster-switcher"
              value={cluster ?? ""}
              onChange={(event) =>
                router.push(pathname.startsWith("/clusters/") ? switchClusterHref(pathname, event.target.value) : withClusterQuery(pathname, event.target.value, clusters))
              }
              style={{ width: "100%", marginTop: 4 }}
            >
              {clusters.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        {clusters.length === 1 && <span className={styles.label}>Cluster: {clusters[0]}</span>}
        <ThemeToggle />
      </div>
    </nav>
  );
}
