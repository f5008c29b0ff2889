import { notFound, toErrorResponse } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

/** Any /api path no route matches: a JSON 404 for every method, never the HTML not-found page. */
async function unknownApiPath(request: Request): Promise<Response> {
  return toErrorResponse(notFound(`API path "${new URL(request.url).pathname}"`));
}

export { unknownApiPath as GET, unknownApiPath as POST, unknownApiPath as PUT, unknownApiPath as PATCH, unknownApiPath as DELETE };
