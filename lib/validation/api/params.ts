import { z } from "zod";

// Route parameters as Next.js hands them over: already percent-decoded, exactly once. Names are
// only looked up (an unknown one is a 404), so any string Kafka accepts works: topic names are
// [a-zA-Z0-9._-], group ids any string (`50%off`, `a/b`, `#`, `?`, spaces, non-ASCII).
// Control characters are refused (400): PostgreSQL cannot even hold a NUL, and no real name has one.
// eslint-disable-next-line no-control-regex
const name = z.string().min(1).regex(/^[^\u0000-\u001f\u007f]*$/, "control characters are not allowed");

export const clusterParamsSchema = z.object({ cluster: name });
export const topicParamsSchema = z.object({ cluster: name, topic: name });
export const groupParamsSchema = z.object({ cluster: name, group: name });
export const slugParamsSchema = z.object({ slug: name });
