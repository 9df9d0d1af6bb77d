import { forgetSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { ownerQuery } from "./db";

/** Writes a tenant's security policy row directly (columns as in tenant_security_policies) and drops this process's cached copy. */
export async function setSecurityPolicy(tenantId: string, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns);
  await ownerQuery(
    `INSERT INTO tenant_security_policies (tenant_id${names.map((n) => `, ${n}`).join("")}) VALUES ($1${names.map((_, i) => `, $${i + 2}`).join("")})
     ON CONFLICT (tenant_id) DO UPDATE SET ${names.length ? names.map((n) => `${n} = EXCLUDED.${n}`).join(", ") : "updated_at = now()"}`,
    [tenantId, ...Object.values(columns)],
  );
  forgetSecurityPolicy(tenantId);
}
