"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { createPlatformApiKey, revokePlatformApiKey, type ApiKeyView } from "@/lib/auth/api-keys";
import { actionCaller } from "@/lib/auth/current-caller";
import { PLATFORM_PERMISSIONS } from "@/lib/auth/permissions";
import { parseOrThrow } from "@/lib/http/errors";
import { apiKeyExpiresAt, apiKeyExpiryFields, refineOneExpiry } from "@/lib/schemas/api-key-expiry";

const createKeySchema = z
  .strictObject({
    name: z.string().trim().min(1, "Give the key a name").max(100, "At most 100 characters"),
    permissions: z.array(z.enum(PLATFORM_PERMISSIONS)).min(1, "Choose at least one permission"),
    ...apiKeyExpiryFields,
  })
  .superRefine(refineOneExpiry);

/** The secret is returned here once and never again. */
export async function createApiKeyAction(input: unknown): Promise<ActionResult<{ key: string; apiKey: ApiKeyView }>> {
  return runAction("apiKey.createApiKey", async () => {
    const caller = await actionCaller();
    const body = parseOrThrow(createKeySchema, input);
    return createPlatformApiKey(caller, { name: body.name, permissions: [...new Set(body.permissions)], expiresAt: apiKeyExpiresAt(body) });
  });
}

export async function revokeApiKeyAction(id: unknown): Promise<ActionResult<ApiKeyView>> {
  return runAction("apiKey.revokeApiKey", async () => {
    const caller = await actionCaller();
    return revokePlatformApiKey(caller, parseOrThrow(z.string().min(1).max(100), id));
  });
}
