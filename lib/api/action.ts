import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { resolvePrincipal } from "@/lib/auth/principal";
import { unauthorized } from "@/lib/auth/require";
import type { Principal } from "@/lib/auth/types";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { ApiError, forbidden, fromZodError, toApiError, type ApiErrorCode } from "@/lib/api/errors";
import { decideOrigin } from "@/lib/api/origin";

/**
 * What a server action returns when it did not do its work; shaped like `FormResult` so
 * `useActionState` forms show it as they are: `formError` is one sentence for the whole form,
 * `fieldErrors` the messages per field ("flows.0.topic"), `conflict` the current record when
 * someone else saved first, `code` the same code the HTTP API would answer with.
 */
export type ActionFailure<TConflict = unknown> = {
  ok: false;
  code: ApiErrorCode;
  formError: string;
  fieldErrors: FieldErrors;
  conflict?: TConflict;
};

/**
 * `principal` is who called (actions refuse signed-out callers with 401); `actor` is the same
 * principal under the name the catalog's writes take for their audit entries.
 */
export type ActionContext = { actor: Principal; principal: Principal };

export type ActionOptions<S extends z.ZodType> = {
  /** Parses the action's argument (an object, or FormData: entries become fields, repeated names arrays). */
  input: S;
  /**
   * State-changing actions refuse cross-site callers (Sec-Fetch-Site / Origin) before parsing
   * anything. Default true; read-only actions (previews) may pass false.
   */
  write?: boolean;
};

/**
 * The seam for server actions, the counterpart of `apiRoute` for route handlers:
 * 1. refuses cross-site calls (403 `forbidden`, nothing runs);
 * 2. parses `raw` with `options.input` (a failure is 422 `unprocessable` with field errors);
 * 3. resolves the caller (nobody signed in: 401 `unauthorized`) and runs `handler` with the parsed
 *    input, the principal and its actor name; the handler calls `requirePermission`;
 * 4. turns anything thrown into an `ActionFailure` (ApiError as it is, database down → `unavailable`
 *    with a readable reason, anything else → `internal`, logged) — it never throws, except
 *    Next's own control flow: `redirect()`/`notFound()` called in the handler still work.
 *
 * Usage (redirect after success, outside the wrapper, as vercel/commerce does):
 *   export async function createTeamAction(_previous: Result, values: unknown): Promise<Result> {
 *     const outcome = await runAction({ input: z.unknown() }, values, async (input, { actor }) =>
 *       requireWritten(await createTeam(getDb(), input, actor)));
 *     if (!outcome.ok) return outcome;
 *     redirect(`/catalog/teams/${encodeURIComponent(outcome.value.slug)}`);
 *   }
 */
export async function runAction<S extends z.ZodType, T>(
  options: ActionOptions<S>,
  raw: unknown,
  handler: (input: z.output<S>, context: ActionContext) => Promise<T>,
): Promise<{ ok: true; value: T } | ActionFailure> {
  try {
    const requestHeaders = await headers();
    if (options.write !== false) {
      const decision = decideOrigin(requestHeaders);
      if (!decision.allowed) throw forbidden(decision.reason);
    }
    const principal = await resolvePrincipal(requestHeaders);
    if (!principal) throw unauthorized();
    const parsed = options.input.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
    if (!parsed.success) throw fromZodError(parsed.error, "body");
    return { ok: true, value: await handler(parsed.data, { actor: principal, principal }) };
  } catch (error) {
    unstable_rethrow(error);
    return toActionFailure(error);
  }
}

/** Any thrown value as the failure a form shows; the same mapping as the HTTP API's error bodies. */
export function toActionFailure(error: unknown): ActionFailure {
  const apiError: ApiError = toApiError(error);
  const details = apiError.details ?? {};
  const fieldErrors = (details.fieldErrors as FieldErrors | undefined) ?? {};
  return {
    ok: false,
    code: apiError.code,
    formError: fieldErrors[""]?.join(" ") || apiError.message,
    fieldErrors,
    ...("current" in details ? { conflict: details.current } : {}),
  };
}

/** FormData as a plain object for zod: one value per name, an array when a name repeats. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const result: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("$ACTION")) continue; // Next's own bookkeeping fields
    const existing = result[name];
    result[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
