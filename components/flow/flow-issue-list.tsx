"use client";

import Link from "next/link";
import styles from "@/components/flow/flow.module.css";
import { buildFlowHref } from "@/lib/flow/links";
import type { FlowIssue } from "@/lib/flow/types";

/** What is wrong with a node or edge, each with the page where it can be fixed. */
export function IssueList({ issues, cluster }: { issues: FlowIssue[]; cluster: string }) {
  if (issues.length === 0) return <p className="subtle">Declared and observed, healthy.</p>;
  return (
    <ul className={styles.issueList}>
      {issues.map((issue) => (
        <li key={`${issue.kind}:${issue.reason}`}>
          <div>{issue.reason}</div>
          <Link href={buildFlowHref(issue.link, cluster)}>Fix or inspect →</Link>
        </li>
      ))}
    </ul>
  );
}
