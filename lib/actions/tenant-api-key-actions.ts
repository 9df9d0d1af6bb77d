"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import type { ApiKeyView } from "@/lib/auth/api-keys";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { listTenantApiKeys } from "@/lib/tenant-api-keys/list-tenant-api-keys";
import { revokeTenantApiKey } from "@/lib/tenant-api-keys/revoke-tenant-api-key";

const idSchema = z.string().min(1).max(100);

export async function listTenantApiKeysAction(tenantId: unknown): Promise<ActionResult<ApiKeyView[]>> {
  return runAction({ name: "tenantApiKey.listTenantApiKeys", tenantId }, async () => listTenantApiKeys(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

/** The secret is returned here once and never again. */
export async function createTenantApiKeyAction(tenantId: unknown, input: unknown): Promise<ActionResult<{ key: string; apiKey: ApiKeyView }>> {
  return runAction({ name: "tenantApiKey.createTenantApiKey", tenantId }, async () => createTenantApiKey(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input));
}

export async function revokeTenantApiKeyAction(tenantId: unknown, keyId: unknown): Promise<ActionResult<ApiKeyView>> {
  return runAction({ name: "tenantApiKey.revokeTenantApiKey", tenantId }, async () => revokeTenantApiKey(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, keyId)));
}
