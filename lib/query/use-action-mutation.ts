"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/actions/action-result";

/**
 * Runs a server action: on success the queries under `invalidate` are
 * invalidated (by prefix), and the page's server data refreshed when asked;
 * on failure the error is kept for the form or dialog to show.
 */
export function useActionMutation(invalidate: QueryKey, opts: { refresh?: boolean } = {}) {
  const router = useRouter();
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
      await queryClient.invalidateQueries({ queryKey: invalidate });
      if (opts.refresh) router.refresh();
    });
  }

  return { pending, failure, setFailure, run };
}
