import { AuditLog } from "@/components/audit/audit-log";
import { NotAllowed } from "@/components/auth/not-allowed";
import { requirePagePrincipal } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit log" };

/** Who did what: catalog writes, tokens, sign-ins and reads of classified messages. Admins only. */
export default async function AuditPage() {
  const principal = await requirePagePrincipal("/audit");
  if (!can(principal, { kind: "audit.read" })) return <NotAllowed>The audit log is for admins. Ask an admin if you need access.</NotAllowed>;
  return (
    <div>
      <div className="page-header">
        <h1>Audit log</h1>
      </div>
      <AuditLog />
    </div>
  );
}
