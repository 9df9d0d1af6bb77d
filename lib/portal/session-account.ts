import "server-only";
import { cookies, headers } from "next/headers";
import { accountFromMemberSession } from "@/lib/auth/session-caller";
import type { PortalTenant } from "@/lib/tenancy/resolve-host";

/** Who is signed in on this tenant's host, even if their membership was since suspended or removed. */
export async function signedInAccount(tenant: PortalTenant): Promise<{ id: string; email: string } | null> {
  const h = await headers();
  return accountFromMemberSession((await cookies()).toString(), h.get("host") ?? "", tenant.id);
}
