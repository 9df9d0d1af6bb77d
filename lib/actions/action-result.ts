import { asAppError, type ErrorDetail } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { runInActionContext, type ActionContext } from "@/lib/observability/action-context";
import { log } from "@/lib/observability/logger";
import { observeRequest } from "@/lib/observability/request-observation";

/** What every server action returns: the same codes and field details as the API. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors: Record<string, string> };

/** The failure of a server action, as forms and dialogs keep it. */
export type ActionFailure = Omit<Extract<ActionResult<never>, { ok: false }>, "ok">;

/**
 * How an action is named in the request log and metrics (`area.verb`, a fixed
 * string: a bounded label), and the tenant id it was handed when it has one.
 * That id is the browser's claim until the service authorises it, so it is
 * logged only when it looks like an id; a member's own tenant replaces it.
 */
export type ActionLabel = string | { name: string; tenantId?: unknown };

const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

export async function runAction<T>(label: ActionLabel, fn: () => Promise<T>): Promise<ActionResult<T>> {
  const name = typeof label === "string" ? label : label.name;
  const claimed = typeof label === "string" ? undefined : label.tenantId;
  const context: ActionContext = { requestId: newId("req"), actor: null, tenantId: typeof claimed === "string" && ID_SHAPE.test(claimed) ? claimed : null };
  const startedAt = performance.now();
  const finish = <R extends ActionResult<T>>(result: R, status: number): R => {
    observeRequest({
      kind: "action",
      requestId: context.requestId,
      method: "POST",
      route: name,
      status,
      durationMs: performance.now() - startedAt,
      tenantId: context.tenantId,
      actor: context.actor,
      errorCode: result.ok ? null : result.code,
    });
    return result;
  };
  return runInActionContext(context, async () => {
    try {
      return finish({ ok: true, data: await fn() }, 200);
    } catch (thrown) {
      const err = asAppError(thrown);
      if (!err) {
        log.error({ err: thrown, request_id: context.requestId, action: name }, "unexpected error in a server action");
        return finish({ ok: false, code: "internal_error", message: "Something went wrong on our side; try again.", fieldErrors: {} }, 500);
      }
      const fieldErrors: Record<string, string> = {};
      if (Array.isArray(err.details)) for (const d of err.details as ErrorDetail[]) fieldErrors[d.path] ??= d.message;
      return finish({ ok: false, code: err.code, message: err.message, fieldErrors }, err.status);
    }
  });
}
