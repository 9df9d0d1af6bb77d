"use client";

import { Toast, useToast } from "@/components/ui/toast";
import type { BroadcastView } from "@/lib/notifications/broadcast-view";
import { BroadcastComposer } from "./broadcast-composer";
import { BroadcastList } from "./broadcast-list";

/** The console's Broadcasts page body: compose (for staff who may send), then what was sent. */
export function BroadcastsPage({ initial, canSend }: { initial: BroadcastView[]; canSend: boolean }) {
  const [toast, setToast] = useToast();
  return (
    <div className="space-y-6">
      {canSend ? <BroadcastComposer onSent={setToast} /> : null}
      <BroadcastList initial={initial} canCancel={canSend} />
      <Toast message={toast} />
    </div>
  );
}
