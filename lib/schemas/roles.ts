import { z } from "zod";
import { TENANT_PERMISSIONS, withImpliedPermissions } from "@/lib/tenant-access/permissions";

const permissions = z
  .array(z.enum(TENANT_PERMISSIONS))
  .max(TENANT_PERMISSIONS.length * 2)
  .transform((ps) => withImpliedPermissions(ps).sort());
const name = z.string().trim().min(2, "Name must be at least 2 characters").max(64);
const description = z.string().trim().max(500);

export const createRoleSchema = z.strictObject({ name, description: description.default(""), permissions });
export type CreateRoleInput = z.output<typeof createRoleSchema>;

export const updateRoleSchema = z
  .strictObject({ name: name.optional(), description: description.optional(), permissions: permissions.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one field to change" });
export type UpdateRoleInput = z.output<typeof updateRoleSchema>;

export const previewRoleChangeSchema = z.strictObject({ permissions });

export const deleteRoleSchema = z.strictObject({ replacement_role: z.string().trim().min(1, "Choose a role for the members who hold this one").max(64) });
