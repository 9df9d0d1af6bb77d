import { formatDateTime, formatRelative, humanizeAction } from "@/components/console/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditEventItem } from "@/lib/schemas/audit";

/** One line of context for an audit event, from what it changed. */
function detail(e: AuditEventItem): string | null {
  const after = Object.fromEntries(Object.entries(e.changes).map(([k, v]) => [k, v.after]));
  const before = Object.fromEntries(Object.entries(e.changes).map(([k, v]) => [k, v.before]));
  switch (e.event_type) {
    case "tenant.updated":
      return Array.isArray(after.changes_applied) && after.changes_applied.length ? (after.changes_applied as string[]).map((c) => c.replace(/_/g, " ")).join(", ") : null;
    case "tenant.suspended":
      return typeof after.reason === "string" ? `Reason: ${after.reason}` : null;
    case "tenant.deletion_scheduled":
      return typeof after.final_deletion_date === "string" ? `Final deletion ${formatDateTime(after.final_deletion_date)}` : null;
    case "tenant.created":
      return typeof after.plan === "string" ? `Plan ${after.plan}` : null;
    case "member.joined":
      return typeof after.email === "string" ? `${after.email}${typeof after.role === "string" ? ` as ${after.role}` : ""}` : null;
    default:
      return typeof before.status === "string" && typeof after.status === "string" ? `${before.status.replace("_", " ")} → ${after.status.replace("_", " ")}` : null;
  }
}

const DOT: Record<string, string> = {
  "tenant.suspended": "bg-amber-500",
  "tenant.archived": "bg-zinc-400",
  "tenant.deletion_scheduled": "bg-red-500",
  "tenant.provisioning_failed": "bg-red-500",
  "tenant.reactivated": "bg-emerald-500",
  "tenant.deletion_cancelled": "bg-emerald-500",
  "tenant.provisioned": "bg-emerald-500",
  "tenant.created": "bg-indigo-500",
};

export function ActivityCard({ events, now }: { events: AuditEventItem[]; now: number }) {
  return (
    <Card>
      <CardHeader title="Recent activity" description="From the audit log" />
      {events.length === 0 ? (
        <EmptyState title="No activity yet" />
      ) : (
        <CardBody className="py-2">
          <ol className="relative">
            {events.map((e, i) => {
              const d = detail(e);
              return (
                <li key={e.id} className="relative flex gap-3 py-2.5">
                  {i < events.length - 1 ? <span className="absolute top-6 bottom-0 left-[5px] w-px bg-slate-200" aria-hidden="true" /> : null}
                  <span className={`mt-1.5 size-[11px] shrink-0 rounded-full border-2 border-white ring-1 ring-slate-200 ${DOT[e.event_type] ?? "bg-slate-400"}`} aria-hidden="true" />
                  <div className="min-w-0 flex-1">
                    <p className="text-[13px] text-slate-900">
                      <span className="font-medium">{humanizeAction(e.event_type)}</span>
                      <span className="text-slate-500"> by {e.actor.type === "system" ? `system (${e.actor.name})` : (e.actor.email ?? e.actor.name)}</span>
                    </p>
                    {d ? <p className="truncate text-xs text-slate-500">{d}</p> : null}
                  </div>
                  <time dateTime={e.timestamp} title={formatDateTime(e.timestamp)} className="shrink-0 text-xs text-slate-500 tabular-nums">
                    {formatRelative(e.timestamp, now)}
                  </time>
                </li>
              );
            })}
          </ol>
        </CardBody>
      )}
    </Card>
  );
}
