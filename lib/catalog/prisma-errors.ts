// Recognising the database's constraint errors, for races the up-front checks cannot close
// (two requests creating the same slug at once, a service added to a team being deleted).

function codeOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === "P2002";
}

export function isForeignKeyViolation(error: unknown): boolean {
  return codeOf(error) === "P2003";
}
