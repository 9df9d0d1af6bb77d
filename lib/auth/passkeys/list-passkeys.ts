import type { PasskeyAccount } from "@/lib/auth/passkeys/passkey-account";
import type { PasskeySummary } from "@/lib/auth/passkeys/passkey-rows";
import { appPool } from "@/lib/db/pools";

/**
 * The account's passkeys for this host, newest first. A passkey works only on
 * the host it was made on, so each host's Security page lists (and removes)
 * its own; another tenant's portal learns nothing of them.
 */
export async function listPasskeys(account: PasskeyAccount): Promise<PasskeySummary[]> {
  const { rows } = await appPool().query<{ id: string; name: string; rp_id: string; created_at: Date; last_used_at: Date | null; backed_up: boolean; device_type: string }>(
    "SELECT id, name, rp_id, created_at, last_used_at, backed_up, device_type FROM user_passkeys WHERE user_id = $1 AND rp_id = $2 ORDER BY created_at DESC, id",
    [account.userId, account.rp.rpId],
  );
  return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString(), last_used_at: r.last_used_at?.toISOString() ?? null }));
}
