"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { listBackupTables, type BackupTable } from "@/lib/backups/list-backup-tables";
import { parseOrThrow } from "@/lib/http/errors";

// The console's Backups tab reads everything else through the API; the tables
// of a backup's manifest have no API of their own, so the restore dialog asks here.

const idSchema = z.string().min(1).max(100);

export async function backupTablesAction(tenantId: unknown, backupId: unknown): Promise<ActionResult<BackupTable[]>> {
  return runAction({ name: "backup.backupTables", tenantId }, async () => listBackupTables(await actionCaller(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, backupId)));
}
