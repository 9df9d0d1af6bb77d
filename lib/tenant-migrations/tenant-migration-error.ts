import type { MigrationDirection } from "@/lib/schemas/tenant-migrations";

export type StepResult = { version: string; name: string; direction: MigrationDirection; execution_time_ms: number; status: "success" | "failed" | "planned"; error?: string | null };

/** A step failed (rolled back; the steps before it stay applied), or the plan was refused before anything ran. */
export class TenantMigrationError extends Error {
  constructor(
    message: string,
    readonly kind: "refused" | "failed",
    readonly version: string | null,
    readonly steps: StepResult[],
  ) {
    super(message);
  }
}
