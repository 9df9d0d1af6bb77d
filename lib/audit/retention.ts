import { env } from "@/lib/env";
import { AUDIT_RETENTION_DAYS, type Plan } from "@/lib/tenants/plans";

/** Days of audit log a tenant on `plan` keeps (null: unlimited): the plan's default unless AUDIT_RETENTION_DAYS_<PLAN> says otherwise. */
export function auditRetentionDays(plan: Plan): number | null {
  const override = env.auditRetentionDays(plan);
  return override === undefined ? AUDIT_RETENTION_DAYS[plan] : override;
}
