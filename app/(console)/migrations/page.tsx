import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/lib/auth/authorize";
import { MAX_FLEET_CONCURRENCY } from "@/lib/schemas/tenant-migrations";
import { readTenantMigrationFiles } from "@/lib/tenant-migrations/migration-files";
import { listFleetMigrations } from "@/lib/tenant-migrations/read-fleet-runs";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { FleetMigrateForm } from "./_components/fleet-migrate-form";
import { FleetRunsTable } from "./_components/fleet-runs-table";
import { MigrationFilesTable } from "./_components/migration-files-table";

export const metadata: Metadata = { title: "Migrations" };

const header = <PageHeader title="Migrations" description="Tenant schema migrations: what the project ships, and runs across the fleet." />;

export default async function MigrationsPage() {
  const caller = await requireConsoleCaller();
  if (!can(caller, "data:migrate")) {
    return (
      <div>
        {header}
        <Card>
          <EmptyState title="You don't have access to migrations" description="Running tenant migrations needs the data:migrate permission. (403)" />
        </Card>
      </div>
    );
  }
  const [files, runs] = await Promise.all([readTenantMigrationFiles(), listFleetMigrations(caller, { limit: 20 })]);
  return (
    <div className="space-y-6">
      {header}
      <Card>
        <CardHeader title="Tenant migrations" description="Every tenant schema is migrated with these, in version order. A migration with a down.sql can be reverted." />
        <MigrationFilesTable files={files.map((f) => ({ version: f.version, name: f.name, has_down: f.downSql !== null, checksum: f.checksum }))} />
      </Card>
      <FleetMigrateForm versions={files.map((f) => ({ version: f.version, name: f.name }))} maxConcurrency={MAX_FLEET_CONCURRENCY} />
      <Card>
        <CardHeader title="Recent fleet runs" description="Open a run for its tenants, their durations and errors." />
        <FleetRunsTable initial={runs} />
      </Card>
    </div>
  );
}
