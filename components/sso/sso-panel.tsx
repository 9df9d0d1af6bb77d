"use client";

import { useQuery } from "@tanstack/react-query";
import { SsoConnectionForm } from "@/components/sso/sso-connection-form";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/skeleton";
import { loadSsoSettingsAction } from "@/lib/actions/sso-actions";
import type { SsoSettings } from "@/lib/sso/load-sso-settings";

/** The single sign-on form with its data: given by the server (the portal page) or read when a tab opens (the console). */
export function SsoPanel({ tenantId, initial }: { tenantId: string; initial?: SsoSettings }) {
  const q = useQuery({
    queryKey: ["sso-settings", tenantId],
    initialData: initial,
    queryFn: async () => {
      const r = await loadSsoSettingsAction(tenantId);
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
  });
  if (q.error) return <Alert tone="danger">{q.error.message}</Alert>;
  if (!q.data) return <Skeleton className="h-96 w-full" />;
  return <SsoConnectionForm tenantId={tenantId} initial={q.data.state} roles={q.data.roles} />;
}
