import { z } from "zod";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { requireServiceWrite } from "@/lib/auth/catalog-scope";
import { listServices } from "@/lib/catalog/queries";
import { createService } from "@/lib/catalog/services";
import { serviceListResponseSchema, serviceWriteResponseSchema } from "@/lib/validation/api/catalog";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: serviceListResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    return { services: await listServices(getDb()) };
  }),
  /** Body: the service (see serviceSchema), declared flows included. */
  POST: apiRoute({ body: z.unknown(), response: serviceWriteResponseSchema }, async ({ body, principal }) => {
    await requireServiceWrite(principal, getDb(), { body });
    return reply({ record: requireWritten(await createService(getDb(), body, principal!)) }, { status: 201 });
  }),
});
