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
  /** backups:manage: the Backups tab (back up, restore). */
  backups: boolean;
  /** backups:download: the archives themselves. */
  backupsDownload: boolean;
  /** data:read: the Database tab and the SQL console. */
  dataRead: boolean;
  /** tenants:impersonate: the Support access tab; `staffUserId` is who may open the portal under their own grants. */
  impersonate: boolean;
  staffUserId: string | null;
  /** billing:manage: change the plan, add-ons and trials on the Billing tab (tenants:read only reads it). */
  billing: boolean;
};

export type { ActionFailure } from "@/lib/actions/action-result";
