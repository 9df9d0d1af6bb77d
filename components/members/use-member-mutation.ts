"use client";

import type { ActionResult } from "@/lib/actions/action-result";
import { queryKeys } from "@/lib/query/keys";
import { useActionMutation } from "@/lib/query/use-action-mutation";

/** A failed read of the Members tab, with the service's code. */
export class ActionQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** For TanStack Query: a server action's data, or its failure thrown. */
export async function unwrapAction<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new ActionQueryError(r.code, r.message);
  return r.data;
}

/**
 * A member or invitation server action: the tenant's member, role and
 * invitation queries are invalidated (by prefix) on success. The tab keeps
 * its one-time invite links, so the page is not refreshed.
 */
export function useMemberMutation(tenantId: string) {
  return useActionMutation(queryKeys.members.tenant(tenantId));
}
