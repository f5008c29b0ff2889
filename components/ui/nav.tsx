"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import styles from "@/components/ui/nav.module.css";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { clusterHref } from "@/components/ui/cluster-link";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/flows", label: "Flows" },
  { href: "/topics", label: "Topics" },
  { href: "/groups", label: "Consumer groups" },
  { href: "/catalog", label: "Catalog" },
];

export function Nav({ clusters }: { clusters: string[] }) {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const router = useRouter();
  const cluster = searchParams.get("cluster") ?? clusters[0] ?? null;
  const keep = cluster === clusters[0] ? null : cluster;

  return (
    <nav className={styles.sidebar} aria-label="Main">
      <Link href={clusterHref("/", keep)} className={styles.brand}>
        <span aria-hidden>≋</span> Tributary
      </Link>
      <div className={styles.links}>
        {LINKS.map((link) => {
          const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
          return (
            <Link
              key={link.href}
              href={clusterHref(link.href, keep)}
              className={`${styles.link} ${active ? styles.active : ""}`}
              aria-current={active ? "page" : undefined}
            >
              {link.label}
            </Link>
          );
        })}
      </div>
      <div className={styles.footer}>
        {clusters.length > 1 && (
          <label className={styles.label}>
            Cluster
            <select
              data-testid="cluster-switcher"
              value={cluster ?? ""}
              onChange={(event) => router.push(clusterHref(pathname, event.target.value))}
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
