"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { inboxAction, markAllReadAction, markReadAction } from "@/lib/actions/notification-actions";
import type { Inbox } from "@/lib/notifications/inbox";
import { queryKeys } from "@/lib/query/keys";

/** How often the bell asks again while the page is open (and on focus): real-time enough for notices. */
export const INBOX_POLL_MS = 30_000;

/**
 * The signed-in user's inbox through the notification actions (the host says
 * whose: staff on the console, the member on a portal), polled; marking read
 * updates the bell and the page together (one query key).
 */
export function useInbox(limit: number, initial?: Inbox) {
  const queryClient = useQueryClient();
  const key = [...queryKeys.notifications.inbox, limit] as const;
  const query = useQuery({
    queryKey: key,
    queryFn: () => unwrapAction(inboxAction(limit)),
    initialData: initial,
    refetchInterval: INBOX_POLL_MS,
    refetchOnWindowFocus: true,
  });
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const after = (run: () => Promise<unknown>) =>
    startTransition(async () => {
      setError(null);
      try {
        await run();
      } catch (e) {
        setError((e as Error).message);
      }
      await queryClient.invalidateQueries({ queryKey: queryKeys.notifications.inbox });
    });
  return {
    inbox: query.data,
    loading: query.isPending,
    failed: query.isError,
    pending,
    error,
    markRead: (ids: string[]) => after(() => unwrapAction(markReadAction(ids))),
    markAllRead: () => after(() => unwrapAction(markAllReadAction())),
  };
}
