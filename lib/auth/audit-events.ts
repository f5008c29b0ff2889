import "server-only";
// Audit entries that are not catalog writes: sign-in events and reads of classified messages.
// A sign-in event that cannot be written is logged, not thrown: an audit hiccup must not lock
// people out. A classified read that cannot be audited is refused instead (the error propagates).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Principal } from "@/lib/auth/types";
import { actorColumns, type AuditEntityType } from "@/lib/catalog/audit";
import { toJsonColumn } from "@/lib/catalog/records";

export type AuthEvent = {
  kind: "login" | "login.failed" | "logout";
  /** The provider's subject when known (a failed login may have none). */
  subject?: string | null;
  /** Display name or email, when known. */
  name?: string | null;
  /** Why (for login.failed: "state mismatch", "no role for groups …"); free text, shortened. */
  reason: string;
  ip?: string | null;
};

/** Records a sign-in, a sign-out or a refused sign-in. */
export async function recordAuthEvent(db: PrismaClient, event: AuthEvent): Promise<void> {
  const who = event.name?.trim() || event.subject?.trim() || "unknown";
  await writeEntry(db, {
    ...actorColumns(who, event.subject ?? null),
    actorKind: event.subject ? "user" : "system",
    action: event.kind,
    entityType: "auth",
    entityKey: (event.subject ?? who).slice(0, 200),
    after: { reason: event.reason.slice(0, 500), ip: event.ip ?? null },
  }).catch((error: unknown) => console.error(`[audit] could not record ${event.kind} of ${who}:`, error));
}

export type MessageRead = {
  cluster: string;
  topic: string;
  classification: string;
  /** "messages.read" for the message list, "messages.download" for one value. */
  action: "messages.read" | "messages.download";
  /** Whether sensitive fields were masked for this reader. */
  masked: boolean;
  detail: Record<string, unknown>;
};

/** Records who read a classified topic's messages (the list or one value), and whether they saw them masked. Throws when it cannot. */
export async function recordMessageRead(db: PrismaClient, principal: Principal, read: MessageRead): Promise<void> {
  await writeEntry(db, {
    ...actorColumns(principal),
    action: read.action,
    entityType: "topic",
    entityKey: `${read.cluster}/${read.topic}`,
    after: { classification: read.classification, masked: read.masked, ...read.detail },
  });
}

async function writeEntry(
  db: PrismaClient,
  entry: { actor: string; actorSubject: string | null; actorKind: string; action: string; entityType: AuditEntityType; entityKey: string; after: unknown },
): Promise<void> {
  await db.auditEntry.create({ data: { ...entry, before: toJsonColumn(null), after: toJsonColumn(entry.after) } });
}
