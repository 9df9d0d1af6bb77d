"use client";

import { MembersPanel, type MemberCapabilities } from "@/components/members/members-panel";
import { Toast, useToast } from "@/components/ui/toast";

export function PortalMembers({ tenantId, tenantName, can, now }: { tenantId: string; tenantName: string; can: MemberCapabilities; now: number }) {
  const [toast, setToast] = useToast();
  return (
    <>
      <MembersPanel tenantId={tenantId} tenantName={tenantName} can={can} now={now} onNotice={setToast} />
      <Toast message={toast} />
    </>
  );
}
