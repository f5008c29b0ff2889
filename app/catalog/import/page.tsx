import { ImportForm } from "@/components/catalog/import-form";
import { applyImportAction, previewImportAction } from "@/app/catalog/import/actions";

export const metadata = { title: "Import and export the catalog" };

export default function ImportPage() {
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
      <ImportForm preview={previewImportAction} apply={applyImportAction} />
    </div>
  );
}
