import { appPool } from "@/lib/db/pools";

/** The account's address when it is not verified yet (for the banner), else null. */
export async function unverifiedEmailOf(userId: string): Promise<string | null> {
  const { rows } = await appPool().query<{ email: string }>("SELECT email FROM users WHERE id = $1 AND email_verified_at IS NULL", [userId]);
  return rows[0]?.email ?? null;
}
