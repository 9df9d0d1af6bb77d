"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { queryKeys } from "@/lib/query/keys";
import type { ActionFailure } from "./types";

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
 * Runs a member or invitation server action: on success the tenant's member,
 * role and invitation queries are invalidated (by prefix); on failure the
 * error is kept for the dialog or tab to show.
 */
export function useMemberMutation(tenantId: string) {
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  function run<T>(action: () => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) {
    setFailure(null);
    startTransition(async () => {
      const r = await action();
      if (!r.ok) {
        setFailure({ code: r.code, message: r.message, fieldErrors: r.fieldErrors });
        return;
      }
      onSuccess?.(r.data);
      await queryClient.invalidateQueries({ queryKey: queryKeys.members.tenant(tenantId) });
    });
  }

  return { pending, failure, setFailure, run };
}
