/** Lines and characters a value shows before "Show all". */
export const COLLAPSED_LINES = 8;
export const COLLAPSED_CHARS = 600;

/**
 * The head of a long text for a collapsed view: its first lines, and at most `maxChars` of them
 * (a minified JSON value is one very long line). `collapsed` is false when the whole text fits.
 */
export function collapseText(text: string, maxLines = COLLAPSED_LINES, maxChars = COLLAPSED_CHARS): { head: string; collapsed: boolean } {
  let end = -1;
  for (let line = 0; line < maxLines; line++) {
    end = text.indexOf("\n", end + 1);
    if (end === -1) break;
  }
  const byLines = end === -1 ? text.length : end;
  const cut = Math.min(byLines, maxChars);
  return cut >= text.length ? { head: text, collapsed: false } : { head: text.slice(0, cut), collapsed: true };
}
