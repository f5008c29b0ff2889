import "server-only";
import { z } from "zod";

// Links in notifications must be absolute; the app cannot know the address its users reach it at
// behind a proxy, so it is configured (TRIBUTARY_PUBLIC_URL), defaulting to the local server.
const publicUrlSchema = z.url({ protocol: /^https?$/ });

export function getPublicUrl(): string {
  const configured = process.env.TRIBUTARY_PUBLIC_URL?.trim();
  const parsed = configured ? publicUrlSchema.safeParse(configured) : null;
  if (parsed?.success) return parsed.data.replace(/\/+$/, "");
  return `http://localhost:${process.env.PORT || 3000}`;
}

export const alertPageUrl = (alertId: string) => `${getPublicUrl()}/alerts/${encodeURIComponent(alertId)}`;
