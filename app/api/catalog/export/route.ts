import { apiRoute, routeMethods } from "@/lib/api/route";
import { requirePermission } from "@/lib/auth/require";
import { getDb } from "@/lib/db";
import { exportCatalogYaml } from "@/lib/catalog/export";

export const dynamic = "force-dynamic";

/** The whole catalog as the YAML file that import reads (export → import is a no-op). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  GET: apiRoute({}, async ({ principal }) => {
    requirePermission(principal, { kind: "catalog.read" });
    const yaml = await exportCatalogYaml(getDb());
    return new Response(yaml, {
      headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": 'attachment; filename="tributary-catalog.yaml"' },
    });
  }),
});
