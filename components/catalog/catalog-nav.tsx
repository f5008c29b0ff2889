"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "@/components/catalog/catalog.module.css";

const SECTIONS = [
  { href: "/catalog", label: "Overview", exact: true },
  { href: "/catalog/teams", label: "Teams" },
  { href: "/catalog/services", label: "Services" },
  { href: "/catalog/contracts", label: "Topic contracts" },
  { href: "/catalog/unowned-topics", label: "Unowned topics" },
  { href: "/catalog/undocumented-groups", label: "Undocumented groups" },
  { href: "/catalog/import", label: "Import / export" },
];

export function CatalogNav() {
  const pathname = usePathname();
  return (
    <nav className={styles.subnav} aria-label="Catalog">
      {SECTIONS.map((section) => {
        const active = section.exact ? pathname === section.href : pathname.startsWith(section.href);
        return (
          <Link key={section.href} href={section.href} aria-current={active ? "page" : undefined}>
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
