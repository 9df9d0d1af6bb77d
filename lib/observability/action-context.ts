import { AsyncLocalStorage } from "node:async_hooks";
import { newId } from "@/lib/ids";

/**
 * What the request log knows about the server action running now. Next gives
 * an action no request id, so runAction makes one; whichever helper
 * establishes who is acting (actionCaller, actionTenantActor, actionAccount,
 * currentAccount) notes the actor here, so the log line says who it was
 * without a second session lookup.
 */
export type ActionContext = {
  requestId: string;
  actor: { kind: string; id: string } | null;
  /** The tenant the action acted in: a member's own tenant, else the tenant id the action was given. */
  tenantId: string | null;
};

// One store per process across Next's bundles, like the pools.
const globals = globalThis as unknown as { __atriumActionContext?: AsyncLocalStorage<ActionContext> };
const storage = (globals.__atriumActionContext ??= new AsyncLocalStorage<ActionContext>());

export function runInActionContext<T>(context: ActionContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

/** Records who acts (and, for a member, in which tenant); a no-op outside a server action (pages use the same helpers). */
export function noteActionActor(actor: { kind: string; id: string }, tenantId?: string | null): void {
  const context = storage.getStore();
  if (!context) return;
  context.actor = actor;
  if (tenantId) context.tenantId = tenantId;
}

/** The running action's request id (so its audit events carry the id its log line has), else a fresh one. */
export function currentRequestId(): string {
  return storage.getStore()?.requestId ?? newId("req");
}
