import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";

/** The invitation's row, locked, so concurrent resends, revokes and accepts run one at a time. */
export async function lockInvitation(tx: Tx, tenantId: string, where: { id: string } | { tokenHash: string }) {
  const rows =
    "id" in where
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant_invitations WHERE tenant_id = ${tenantId} AND id = ${where.id} FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant_invitations WHERE tenant_id = ${tenantId} AND token_hash = ${where.tokenHash} FOR UPDATE`;
  if (!rows[0]) throw new AppError("not_found", "This invitation does not exist or is no longer valid");
  return tx.tenantInvitation.findFirstOrThrow({ where: { tenantId, id: rows[0].id } });
}
