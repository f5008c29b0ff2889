import { z } from "zod";
import { apiRoute, reply, routeMethods } from "@/lib/api/route";
import { requireWritten } from "@/lib/api/write-result";
import { getDb } from "@/lib/db";
import { requirePermission } from "@/lib/auth/require";
import { requireContractWrite } from "@/lib/auth/catalog-scope";
import { createContract } from "@/lib/catalog/contracts";
import { listContracts } from "@/lib/catalog/queries";
import { contractListResponseSchema, contractWriteResponseSchema } from "@/lib/validation/api/catalog";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({ response: contractListResponseSchema }, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    return { contracts: await listContracts(getDb()) };
  }),
  /** Body: the contract (see contractSchema); schemas as JSON objects (text is refused, not parsed). */
  POST: apiRoute({ body: z.unknown(), response: contractWriteResponseSchema }, async ({ body, principal }) => {
    await requireContractWrite(principal, getDb(), { body });
    return reply({ record: requireWritten(await createContract(getDb(), body, principal!)) }, { status: 201 });
  }),
});
