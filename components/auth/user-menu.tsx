import Link from "next/link";
import type { Role } from "@/lib/auth/types";

export type UserMenuProps = { name: string; role: Role; teams: string[]; canSignOut: boolean };

/** Who is signed in, with what role and teams, and the sign-out button (a form POST: proxy.ts refuses it cross-site). */
export function UserMenu({ name, role, teams, canSignOut }: UserMenuProps) {
  return (
    <div data-testid="user-menu" style={{ display: "grid", gap: 4, fontSize: "0.85rem" }}>
      <span data-testid="user-name" style={{ fontWeight: 600, overflowWrap: "anywhere" }}>
        {name}
      </span>
      <span className="subtle">
        <span data-testid="user-role">{role}</span>
        {teams.length > 0 && <> · {teams.join(", ")}</>}
      </span>
      {role === "admin" && (
        <span>
          <Link href="/settings/tokens">API tokens</Link> · <Link href="/audit">Audit log</Link>
        </span>
      )}
      {canSignOut && (
        <form method="post" action="/auth/logout">
          <button type="submit" className="secondary" data-testid="sign-out">
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
