"use client";

import { useRevokeTokenMutation, useTokensQuery } from "@/components/settings/use-tokens-query";
import { EmptyState, ErrorState, TableSkeleton } from "@/components/ui/states";
import type { ApiTokenView } from "@/lib/validation/api/tokens";

const when = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 16)} UTC` : "never");

/** Every token, newest first: active, expired and revoked (kept for the audit trail). */
export function TokensTable() {
  const tokens = useTokensQuery();
  const revoke = useRevokeTokenMutation();
  if (tokens.isPending) return <TableSkeleton rows={3} columns={7} />;
  if (tokens.isError) return <ErrorState title="Cannot list API tokens" error={tokens.error} />;
  if (tokens.data.tokens.length === 0) return <EmptyState>No API tokens yet. Create one above for a CI job or a Prometheus scrape.</EmptyState>;

  const confirmRevoke = (token: ApiTokenView) => {
    if (window.confirm(`Revoke token "${token.name}"? Requests with it are refused at once.`)) revoke.mutate(token.id);
  };
  return (
    <>
      {revoke.error && <ErrorState title="The token was not revoked" error={revoke.error} />}
      <table data-testid="tokens-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Token</th>
            <th>Role</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Last used</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tokens.data.tokens.map((token) => (
            <tr key={token.id} data-testid="token-row" data-token-name={token.name} data-status={token.status}>
              <td>{token.name}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>
                {token.role}
                {token.team && <span className="subtle"> of {token.team}</span>}
              </td>
              <td>
                {when(token.createdAt)} <span className="subtle">by {token.createdBy}</span>
              </td>
              <td>{when(token.expiresAt)}</td>
              <td data-testid="token-last-used">{when(token.lastUsedAt)}</td>
              <td>{token.status === "revoked" ? `revoked by ${token.revokedBy ?? "?"}` : token.status}</td>
              <td>
                {token.status === "active" && (
                  <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => confirmRevoke(token)} data-testid="revoke-token">
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
