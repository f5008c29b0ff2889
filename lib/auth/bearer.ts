import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Principal } from "@/lib/auth/types";
import { authenticateApiToken } from "@/lib/auth/tokens";

/**
 * The principal of an `Authorization: Bearer <token>` request, or null (unknown, expired or
 * revoked token: the request is then answered 401, never treated as the cookie's user).
 * The lookup is lib/auth/tokens.ts's.
 */
export async function authenticateBearer(db: PrismaClient, token: string): Promise<Principal | null> {
  return authenticateApiToken(db, token);
}
