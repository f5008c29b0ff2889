"use client";

// Last line of defence: pages handle a down database themselves; this catches the unexpected.
export default function CatalogError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="banner danger" role="alert" data-testid="catalog-error">
      <strong>This catalog page failed to load.</strong> The server log has the details.{" "}
      <button type="button" className="secondary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
