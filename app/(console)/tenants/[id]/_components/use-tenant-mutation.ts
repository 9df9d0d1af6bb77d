"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action-result";
import { queryKeys } from "@/lib/query/keys";
import type { ActionFailure } from "./types";

/**
 * Runs a tenant server action: on success the tenant queries are invalidated
 * (by prefix) and the page's server data refreshed; on failure the error is
 * kept for the form to show.
 */
export function useTenantMutation() {
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
      await queryClient.invalidateQueries({ queryKey: queryKeys.tenants.all });
      router.refresh();
    });
  }

  return { pending, failure, setFailure, run };
}
