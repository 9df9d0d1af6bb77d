import type { Caller } from "@/lib/auth/caller";
import { AppError } from "@/lib/http/errors";

/**
 * backup_before's backup, taken to completion before the first migration
 * runs. Tenant backups (lib/backups, issue 12 part D) are not in this branch
 * yet: until they are merged, asking for one is refused before anything runs.
 */
export async function backupBeforeMigrating(caller: Caller, tenantId: string): Promise<{ backup_id: string }> {
  void caller;
  void tenantId;
  throw new AppError("invalid_request", "backup_before needs tenant backups, which this server does not have yet; migrate without it or take a backup first", [
    { path: "backup_before", message: "Backups are not available yet" },
  ]);
}
