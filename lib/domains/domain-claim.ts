import type { Tx } from "@/lib/db/prisma";

export const CLAIMED_ELSEWHERE = "Another tenant has already verified this domain";

/**
 * The tenant that has verified `domain`, if any: a domain is claimed by proof
 * (its TXT record), not by being typed first. Read through the same narrow
 * function host resolution uses, since the owner is another tenant.
 */
export async function verifiedOwner(tx: Tx, domain: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM atrium_tenant_for_domain(${domain})`;
  return rows[0]?.id ?? null;
}
