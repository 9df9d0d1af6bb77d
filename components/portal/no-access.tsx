import { TENANT_PERMISSION_INFO, type TenantPermission } from "@/lib/tenant-access/permissions";

/** What a member sees on a portal page their role does not open (the data was never read). */
export function NoAccess({ section, permission }: { section: string; permission: TenantPermission }) {
  return (
    <section data-testid="portal-no-access" className="mx-auto max-w-lg rounded-2xl border border-slate-200 p-10 text-center">
      <h1 className="text-xl font-semibold">You don&apos;t have access to {section}</h1>
      <p className="mt-3 text-sm leading-6 text-slate-600">
        Your role does not include the “{TENANT_PERMISSION_INFO[permission].label}” permission. Ask an administrator of this organisation if you need it.
      </p>
    </section>
  );
}
