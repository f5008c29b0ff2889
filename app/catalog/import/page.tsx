import { ImportForm } from "@/components/catalog/import-form";
import { applyImportAction, previewImportAction } from "@/app/catalog/import/actions";
import { pageCan } from "@/lib/auth/page";
import { requireSignedIn } from "@/lib/auth/page";

export const metadata = { title: "Import and export the catalog" };
export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requireSignedIn();
  const canImport = await pageCan({ kind: "catalog.import" });
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Import and export</h1>
          <p className="subtle">
            One YAML file describes teams, services, topic contracts and declared flows. Entries are matched by slug (contracts by cluster and
            topic). Entries missing from the file are kept; the declared flows of each service in the file become exactly the file&apos;s.
          </p>
        </div>
        <a href="/api/catalog/export" download>
          Export the catalog (YAML)
        </a>
      </div>
      {canImport ? (
        <ImportForm preview={previewImportAction} apply={applyImportAction} />
      ) : (
        <p className="subtle" data-testid="import-not-allowed">Only admins may import a catalog file. Anyone signed in may export it.</p>
      )}
    </div>
  );
}
