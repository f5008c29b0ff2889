import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getClusterState } from "@/lib/collector";
import { getGroup, getTopic } from "@/lib/collector/queries";
import { findCluster, type ClusterConfig } from "@/lib/env";
import { RAW_PATH_HEADER } from "@/lib/page-urls";

// Names in page URLs are percent-encoded once (lib/page-urls.ts) and decoded here exactly once,
// from the path as the browser sent it (proxy.ts passes it along): Next.js's page params did
// not give `50%off` back for `50%25off`, and decoding them again is what made `50%off` a 500.
// A malformed escape (`%E0%A4%A`, a lone `%`) never gets here: proxy.ts answers it with 400.

export type ClusterParams = Promise<{ cluster: string }>;

const CLUSTER_PATH = /^\/clusters\/([^/]+)(?:\/(topics|groups)\/([^/]+))?/;

async function rawPathSegments(): Promise<{ cluster: string; name: string | null } | null> {
  const raw = (await headers()).get(RAW_PATH_HEADER);
  const match = raw ? CLUSTER_PATH.exec(raw) : null;
  if (!match) return null;
  try {
    return { cluster: decodeURIComponent(match[1]!), name: match[3] === undefined ? null : decodeURIComponent(match[3]) };
  } catch {
    notFound();
  }
}

/** The configured cluster the URL names; an unknown one is a 404 page. */
export async function resolveCluster(params: ClusterParams): Promise<ClusterConfig> {
  const name = (await rawPathSegments())?.cluster ?? (await params).cluster;
  // findCluster(empty) means "the first cluster": a URL never gets that shortcut.
  const cluster = name ? findCluster(name) : null;
  if (!cluster) notFound();
  return cluster;
}

/** The topic or group id the URL names, decoded once. */
export async function resolveName(params: Promise<{ topic?: string; group?: string }>, key: "topic" | "group"): Promise<string> {
  const fromPath = (await rawPathSegments())?.name;
  if (fromPath != null) return fromPath;
  const value = (await params)[key];
  if (!value) notFound();
  return value;
}

/**
 * 404 for a topic or group the latest sample does not have. Without any sample yet (the
 * collector is starting, or Kafka has been unreachable since start-up) the page renders and
 * its own states say so, rather than claiming that the name does not exist.
 */
export function requireObserved(cluster: string, kind: "topic" | "group", name: string): void {
  const snapshot = getClusterState(cluster)?.snapshot;
  if (!snapshot) return;
  const found = kind === "topic" ? getTopic(snapshot, name) : getGroup(snapshot, name);
  if (!found) notFound();
}
