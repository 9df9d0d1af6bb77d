import type { Broadcast } from "@/lib/generated/prisma/client";
import type { BroadcastFilter } from "@/lib/schemas/notifications";

export type BroadcastStats = { recipients: number; emailed: number; read: number };

export type BroadcastView = {
  id: string;
  filter: BroadcastFilter;
  severity: string;
  title: string;
  body: string;
  link: string | null;
  send_at: string;
  expires_at: string | null;
  window: { start: string; end: string } | null;
  status: "scheduled" | "sending" | "sent" | "canceled";
  tenants_total: number;
  tenants_done: number;
  created_by: string;
  created_at: string;
  sent_at: string | null;
  canceled_at: string | null;
  /** Members with an inbox entry, mails queued, entries read. */
  stats: BroadcastStats;
};

export function serializeBroadcast(b: Broadcast, stats: BroadcastStats = { recipients: 0, emailed: 0, read: 0 }): BroadcastView {
  return {
    id: b.id,
    filter: b.filter as BroadcastFilter,
    severity: b.severity,
    title: b.title,
    body: b.body,
    link: b.link,
    send_at: b.sendAt.toISOString(),
    expires_at: b.expiresAt?.toISOString() ?? null,
    window: b.windowStart && b.windowEnd ? { start: b.windowStart.toISOString(), end: b.windowEnd.toISOString() } : null,
    status: b.status as BroadcastView["status"],
    tenants_total: b.tenantsTotal,
    tenants_done: b.tenantsDone,
    created_by: b.createdByLabel,
    created_at: b.createdAt.toISOString(),
    sent_at: b.sentAt?.toISOString() ?? null,
    canceled_at: b.canceledAt?.toISOString() ?? null,
    stats,
  };
}
