import type { Metadata } from "next";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { PageHeader } from "@/components/console/page-header";
import { NoAccess } from "@/components/portal/no-access";
import { createTenantApiKeyAction, revokeTenantApiKeyAction } from "@/lib/actions/tenant-api-key-actions";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { requestTime } from "@/lib/request-time";
import { listTenantApiKeys } from "@/lib/tenant-api-keys/list-tenant-api-keys";
import { TENANT_PERMISSIONS, TENANT_PERMISSION_INFO } from "@/lib/tenant-access/permissions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function PortalApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member, permissions } = await requirePortalSession((await params).slug, "/api-keys");
  if (!permissions.has("api_keys:manage")) return <NoAccess section="API keys" permission="api_keys:manage" />;
  const keys = await listTenantApiKeys(member.actor, tenant.id);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys for scripts calling <code className="font-mono text-xs">/api/v1/tenants/{tenant.id}/…</code> on this host. A key carries only the permissions you give it, from those you hold.
          </>
        }
      />
      <ApiKeysManager
        title="Organisation keys"
        keys={keys}
        options={TENANT_PERMISSIONS.filter((p) => permissions.has(p)).map((p) => ({ key: p, help: TENANT_PERMISSION_INFO[p].description }))}
        allPermissionCount={TENANT_PERMISSIONS.length}
        createKey={createTenantApiKeyAction.bind(null, tenant.id)}
        revokeKey={revokeTenantApiKeyAction.bind(null, tenant.id)}
        now={requestTime()}
      />
    </>
  );
}
