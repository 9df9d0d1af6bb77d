"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { loadTenantDatabase, type TenantDatabase } from "@/lib/dataplane/load-tenant-database";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";

const idSchema = z.string().min(1).max(100);

/** The Database tab's refresh: the service authorises data:read (staff on the console host). */
export async function tenantDatabaseAction(tenantId: unknown): Promise<ActionResult<TenantDatabase>> {
  return runAction({ name: "database.tenantDatabase", tenantId }, async () => loadTenantDatabase(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}
