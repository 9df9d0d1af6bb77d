import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { Suspense } from "react";
import { authorize } from "@/lib/auth/authorize";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { parseAnalyticsParams } from "./_lib/analytics-params";
import { prefetchAnalytics } from "./_lib/prefetch-analytics";
import { AnalyticsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const caller = await requireConsoleCaller();
  authorize(caller, "tenants:read");
  const sp = await searchParams;
  const params = parseAnalyticsParams((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v[0] : v;
  });
  // The first screen arrives with the HTML; a period or ranking switch goes through the JSON API.
  return (
    <HydrationBoundary state={await prefetchAnalytics(caller, params)}>
      <Suspense>
        <AnalyticsPageClient />
      </Suspense>
    </HydrationBoundary>
  );
}
