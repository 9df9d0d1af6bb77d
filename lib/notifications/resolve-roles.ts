import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { BUILT_IN_ROLE_KEYS } from "@/lib/tenant-access/permissions";

/**
 * The roles a sender names (a built-in key, a custom role's id, or its name in
 * any case) → what memberships store (the key or the custom role's id).
 * An unknown one is a 400 naming its place in `roles`.
 */
export async function resolveRoles(tx: Tx, tenantId: string, names: string[]): Promise<string[]> {
  const custom = await tx.tenantRole.findMany({ where: { tenantId }, select: { id: true, name: true } });
  const out = new Set<string>();
  const unknown: { path: string; message: string }[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    const builtIn = BUILT_IN_ROLE_KEYS.find((k) => k === name.toLowerCase());
    const match = builtIn ?? custom.find((r) => r.id === name || r.name.toLowerCase() === name.toLowerCase())?.id;
    if (match) out.add(match);
    else unknown.push({ path: `roles.${i}`, message: `No role called ${name} in this tenant` });
  });
  if (unknown.length) throw new AppError("invalid_request", "Unknown role", unknown);
  return [...out];
}
