import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { exportCatalogYaml } from "@/lib/catalog/export";
import { catalogRoute } from "@/lib/catalog/http";

export const dynamic = "force-dynamic";

/** The whole catalog as the YAML file that import reads (export → import is a no-op). */
export const GET = catalogRoute(async () => {
  const yaml = await exportCatalogYaml(getDb());
  return new NextResponse(yaml, {
    headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": 'attachment; filename="tributary-catalog.yaml"' },
  });
});
