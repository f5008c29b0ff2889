import { TableSkeleton } from "@/components/ui/states";

export default function CatalogLoading() {
  return (
    <div>
      <div className="skeleton" style={{ width: 220, height: 28, marginBottom: 16 }} />
      <TableSkeleton rows={6} columns={4} />
    </div>
  );
}
