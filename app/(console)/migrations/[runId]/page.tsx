import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";
import { getFleetMigration } from "@/lib/tenant-migrations/read-fleet-runs";
import { requireConsoleCaller } from "../../_lib/require-console-caller";
import { FleetRunDetailView } from "../_components/fleet-run-detail";

export const metadata: Metadata = { title: "Fleet migration run" };

export default async function FleetRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const caller = await requireConsoleCaller();
  const { runId } = await params;
  const back = (
    <div className="mb-2">
      <Link href="/migrations" className="inline-flex items-center gap-1 text-[13px] text-slate-500 hover:text-slate-800">
        <span aria-hidden="true">←</span> Migrations
      </Link>
    </div>
  );
  if (!can(caller, "data:migrate")) {
    return (
      <div>
        {back}
        <Card>
          <EmptyState title="You don't have access to migrations" description="Fleet runs need the data:migrate permission. (403)" />
        </Card>
      </div>
    );
  }
  const run = await getFleetRunOrNull(caller, runId);
  if (!run) notFound();
  return (
    <div>
      {back}
      <PageHeader title="Fleet migration run" description={<span className="font-mono">{run.run_id}</span>} />
      <FleetRunDetailView initial={run} />
    </div>
  );
}

async function getFleetRunOrNull(caller: Caller, runId: string) {
  try {
    return await getFleetMigration(caller, runId);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return null;
    throw err;
  }
}
