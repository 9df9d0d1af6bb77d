import type { SecondFactorKind } from "@/lib/auth/sessions/types";
import { appPool } from "@/lib/db/pools";

/**
 * After a pending session's holder enrols (and proves) a second factor, the
 * session becomes a full one: the pending flag goes and the factor is
 * recorded; enrolling counts as a fresh authentication for sensitive actions.
 * Returns false if the session no longer exists.
 */
export async function markSecondFactorSatisfied(sessionId: string, kind: SecondFactorKind): Promise<boolean> {
  const { rowCount } = await appPool().query(
    "UPDATE auth_sessions SET second_factor_pending = false, second_factor = $2, reauthenticated_at = now() WHERE id = $1",
    [sessionId, kind],
  );
  return (rowCount ?? 0) > 0;
}
