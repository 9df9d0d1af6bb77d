// The audit-log API's item and answers as the viewer reads them (seed 002 §5's shape).

export type AuditActor = { type: string; user_id?: string | null; email?: string | null; key_id?: string | null; name?: string | null };
export type AuditTarget = { type: string; id: string | null; label: string | null };
export type AuditChange = { before: unknown; after: unknown };

export type AuditItem = {
  id: string;
  timestamp: string;
  event_type: string;
  actor: AuditActor;
  target: AuditTarget;
  changes: Record<string, AuditChange>;
  ip_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  tenant_id: string | null;
  tenant_name?: string | null;
};

export type AuditPage = { items: AuditItem[]; next_cursor: string | null };

/** A page as the viewer keeps it: with the time its preset range was measured from. */
export type AuditViewerPage = AuditPage & { anchor: number };
export type AuditPageParam = { cursor: string | null; anchor: number | null };

export type AuditVerifyResult = { valid: boolean; checked: number; first_broken_event_id: string | null };
