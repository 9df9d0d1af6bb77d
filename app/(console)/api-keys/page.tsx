import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listPlatformApiKeys } from "@/lib/auth/api-keys";
import { can } from "@/lib/auth/authorize";
import { PLATFORM_PERMISSIONS } from "@/lib/auth/permissions";
import { requestTime } from "@/lib/request-time";
import { requireConsoleCaller } from "../_lib/require-console-caller";
import { ApiKeysManager } from "@/components/api-keys/api-keys-manager";
import { PLATFORM_PERMISSION_HELP } from "@/lib/auth/permissions";
import { createApiKeyAction, revokeApiKeyAction } from "./api-key-actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const caller = await requireConsoleCaller();
  const header = <PageHeader title="API keys" description="Platform keys let scripts and services call the /api/v1 platform API with a Bearer token." />;
  if (!can(caller, "api_keys:manage")) {
    return (
      <div>
        {header}
        <Card>
          <EmptyState
            icon={
              <svg viewBox="0 0 16 16" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
                <rect x="3" y="7" width="10" height="7" rx="1.5" />
                <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
              </svg>
            }
            title="You don't have access to API keys"
            description="Managing platform API keys needs the api_keys:manage permission, which platform admins hold. Ask one if you need a key. (403)"
          />
        </Card>
      </div>
    );
  }
  const keys = await listPlatformApiKeys(caller);
  const held = PLATFORM_PERMISSIONS.filter((p) => can(caller, p));
  return (
    <div>
      {header}
      <ApiKeysManager
        title="Platform keys"
        keys={keys}
        options={held.map((p) => ({ key: p, help: PLATFORM_PERMISSION_HELP[p] }))}
        allPermissionCount={PLATFORM_PERMISSIONS.length}
        createKey={createApiKeyAction}
        revokeKey={revokeApiKeyAction}
        now={requestTime()}
      />
    </div>
  );
}
