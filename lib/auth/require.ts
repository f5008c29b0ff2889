import "server-only";
import { ApiError, forbidden } from "@/lib/api/errors";
import { can, describeRefusal, type Action } from "@/lib/auth/permissions";
import type { Principal } from "@/lib/auth/types";

/** 401 when nobody is signed in: the seam answers it before any handler runs. */
export const unauthorized = () => new ApiError("unauthorized", "Sign in first: this needs a signed-in user or an API token.");

/** Throws 401 (nobody) or 403 (not allowed) unless `principal` may do `action`; returns the principal. */
export function requirePermission(principal: Principal | null, action: Action): Principal {
  if (!principal) throw unauthorized();
  if (!can(principal, action)) throw forbidden(describeRefusal(action));
  return principal;
}
