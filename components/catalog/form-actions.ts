import type { FormResult } from "@/lib/validation/field-errors";

/**
 * A server action as a form receives it: the page passes the actions down as props, so
 * components never import from app/. `previous` is useActionState's slot; forms pass null.
 */
export type SaveAction<Input, R> = (previous: null, input: Input) => Promise<FormResult<R> | null>;

/** The create and update actions of one catalog entity. */
export type EditorActions<Values, Key, R> = {
  create: SaveAction<Values, R>;
  update: SaveAction<Key & { version: number; values: Values }, R>;
};
