import { z } from "zod";
import { apiKeyExpiryFields, refineOneExpiry } from "@/lib/schemas/api-key-expiry";
import { TENANT_PERMISSIONS, withImpliedPermissions } from "@/lib/tenant-access/permissions";

/** A tenant-scope API key: a name, a subset of the creator's own tenant permissions, and an optional expiry. */
export const createTenantApiKeySchema = z
  .strictObject({
    name: z.string().trim().min(1, "Give the key a name").max(100, "At most 100 characters"),
    permissions: z
      .array(z.enum(TENANT_PERMISSIONS, { error: (i) => `Unknown permission ${String(i.input)}` }))
      .min(1, "Choose at least one permission")
      .transform((ps) => withImpliedPermissions(ps)),
    ...apiKeyExpiryFields,
  })
  .superRefine(refineOneExpiry);
export type CreateTenantApiKeyInput = z.infer<typeof createTenantApiKeySchema>;
