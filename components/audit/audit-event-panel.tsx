"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { formatDateTime, formatRelative } from "@/components/console/format";
import { Button, buttonClasses } from "@/components/ui/button";
import { Sheet } from "@/components/ui/sheet";
import { auditEventLabel } from "@/lib/audit/audit-event-catalogue";
import { AuditChangeDiff } from "./audit-change-diff";
import type { AuditFilters } from "./audit-filters";
import { auditActorFilter, auditActorText, auditTargetLink, type AuditSurface } from "./audit-target-links";
import type { AuditItem } from "./audit-types";

function Row({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] gap-x-3 py-2 sm:grid-cols-[9rem_1fr]">
      <dt className="text-[13px] text-slate-500">{label}</dt>
      <dd className={mono ? "min-w-0 font-mono text-[12.5px] break-all text-slate-900" : "min-w-0 text-[13px] break-words text-slate-900"}>{children}</dd>
    </div>
  );
}

const dash = <span className="text-slate-400">—</span>;

/** One event's details in a side panel: what changed (before and after), who, from where, and links to what it touched. */
export function AuditEventPanel({
  event,
  surface,
  now,
  onClose,
  onFilter,
}: {
  event: AuditItem | null;
  surface: AuditSurface;
  now: number;
  onClose: () => void;
  /** Narrows the list to related events (and closes the panel). */
  onFilter: (f: Partial<AuditFilters>) => void;
}) {
  const e = event;
  const target = e ? auditTargetLink(surface, e) : null;
  const actorFilter = e ? auditActorFilter(e) : null;
  return (
    <Sheet
      open={Boolean(e)}
      onClose={onClose}
      testId="audit-event-panel"
      title={e ? auditEventLabel(e.event_type) : ""}
      description={
        e ? (
          <time dateTime={e.timestamp}>
            {formatDateTime(e.timestamp)} · {formatRelative(e.timestamp, now)}
          </time>
        ) : null
      }
      footer={
        e ? (
          <>
            {actorFilter ? (
              <Button variant="secondary" size="sm" onClick={() => onFilter({ actor: actorFilter })}>
                Events by this actor
              </Button>
            ) : null}
            {e.target.id ? (
              <Button variant="secondary" size="sm" onClick={() => onFilter({ target_type: e.target.type, target_id: e.target.id ?? undefined })}>
                Events on this target
              </Button>
            ) : null}
            <Button size="sm" onClick={onClose}>
              Close
            </Button>
          </>
        ) : null
      }
    >
      {e ? (
        <div className="space-y-6">
          <section aria-labelledby="audit-panel-changes">
            <h3 id="audit-panel-changes" className="mb-3 text-sm font-semibold text-slate-900">
              Changes
            </h3>
            <AuditChangeDiff changes={e.changes} />
          </section>
          <section aria-labelledby="audit-panel-details">
            <h3 id="audit-panel-details" className="mb-1 text-sm font-semibold text-slate-900">
              Details
            </h3>
            <dl className="divide-y divide-slate-100">
              <Row label="Event type" mono>
                {e.event_type}
              </Row>
              <Row label="When">
                <time dateTime={e.timestamp}>{formatDateTime(e.timestamp)}</time> <span className="text-slate-500">({formatRelative(e.timestamp, now)})</span>
              </Row>
              <Row label="Actor">
                <span className="font-medium">{auditActorText(e)}</span>
                {e.actor.email && e.actor.email !== auditActorText(e) ? <span className="block text-slate-600">{e.actor.email}</span> : null}
                {e.actor.key_id ? <span className="block font-mono text-xs text-slate-600">{e.actor.key_id}</span> : null}
                <span className="block text-xs text-slate-500">{e.actor.type === "api_key" ? "API key" : e.actor.type === "user" ? "Person" : e.actor.type}</span>
              </Row>
              <Row label="Target">
                <span className="font-medium">{e.target.label ?? e.target.id ?? e.target.type}</span>
                <span className="block text-xs text-slate-500">
                  {e.target.type}
                  {e.target.id ? <span className="font-mono"> · {e.target.id}</span> : null}
                </span>
                {target ? (
                  <Link href={target.href} className="mt-1 inline-block text-[13px] font-medium text-indigo-700 underline underline-offset-4 hover:text-indigo-900">
                    {target.label}
                  </Link>
                ) : null}
              </Row>
              {surface === "console" ? (
                <Row label="Tenant">
                  {e.tenant_id ? (
                    <Link href={`/tenants/${e.tenant_id}`} className="font-medium text-indigo-700 underline underline-offset-4 hover:text-indigo-900">
                      {e.tenant_name ?? e.tenant_id}
                    </Link>
                  ) : (
                    "Platform (no tenant)"
                  )}
                </Row>
              ) : null}
              <Row label="IP address" mono>
                {e.ip_address ?? dash}
              </Row>
              <Row label="User agent" mono>
                {e.user_agent ?? dash}
              </Row>
              <Row label="Request ID" mono>
                {e.request_id ?? dash}
              </Row>
              <Row label="Event ID" mono>
                {e.id}
              </Row>
            </dl>
          </section>
          {e.ip_address ? (
            <p>
              <button type="button" className={buttonClasses("ghost", "sm", "-ml-2.5")} onClick={() => onFilter({ ip: e.ip_address ?? undefined })}>
                Other events from {e.ip_address}
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
    </Sheet>
  );
}
