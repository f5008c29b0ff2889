import { getAuthConfig } from "@/lib/auth/config";
import { signOut } from "@/lib/auth/sign-out-flow";

export const dynamic = "force-dynamic";

/** Sign-out is a POST (the user menu's form): a link or image elsewhere cannot sign anyone out. proxy.ts refuses cross-site posts. */
export async function POST(request: Request): Promise<Response> {
  return signOut(request, getAuthConfig());
}
