import type { getTenant } from "@/lib/tenants/get-tenant";

export type TenantDetail = Awaited<ReturnType<typeof getTenant>>["body"];
export type TenantSettings = { timezone?: string; locale?: string; currency?: string; date_format?: string; time_format?: string; auto_enforce?: boolean };

/** What the signed-in staff member may do here (the services check again). */
export type TenantPermissions = {
  update: boolean;
  suspend: boolean;
  archive: boolean;
  delete: boolean;
  auditRead: boolean;
  dataRead: boolean;
  /** backups:manage starts exports; backups:download fetches them. */
  exportData?: boolean;
  downloadExports?: boolean;
};

export type { ActionFailure } from "@/lib/actions/action-result";
