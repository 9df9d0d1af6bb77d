import type { Metadata } from "next";
import { Suspense } from "react";
import { authorize } from "@/lib/auth/authorize";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { AnalyticsPageClient } from "./page-client";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  const caller = await requireConsoleCaller();
  authorize(caller, "tenants:read");
  return (
    <Suspense>
      <AnalyticsPageClient />
    </Suspense>
  );
}
