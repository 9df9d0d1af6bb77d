import { asAppError, type ErrorDetail } from "@/lib/http/errors";

/** What every server action returns: the same codes and field details as the API. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors: Record<string, string> };

/** The failure of a server action, as forms and dialogs keep it. */
export type ActionFailure = Omit<Extract<ActionResult<never>, { ok: false }>, "ok">;

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (thrown) {
    const err = asAppError(thrown);
    if (!err) {
      console.error(thrown);
      return { ok: false, code: "internal_error", message: "Something went wrong on our side; try again.", fieldErrors: {} };
    }
    const fieldErrors: Record<string, string> = {};
    if (Array.isArray(err.details)) for (const d of err.details as ErrorDetail[]) fieldErrors[d.path] ??= d.message;
    return { ok: false, code: err.code, message: err.message, fieldErrors };
  }
}
