import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Fields every event published inside `fn` carries in its `after` — a bulk
 * operation's id on each change it makes. Services keep calling publishEvent
 * as they always do; the one running them many times (lib/bulk) says why.
 */
export type EventContext = { bulk_operation_id?: string };

const storage = new AsyncLocalStorage<EventContext>();

export function withEventContext<T>(context: EventContext, fn: () => Promise<T>): Promise<T> {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** `after` with the surrounding context's fields added (an object `after`, or a new one when there was none). */
export function withContextFields(after: unknown): unknown {
  const context = storage.getStore();
  if (!context || Object.keys(context).length === 0) return after;
  if (after === undefined || after === null) return { ...context };
  if (typeof after !== "object" || Array.isArray(after)) return after;
  return { ...(after as Record<string, unknown>), ...context };
}
