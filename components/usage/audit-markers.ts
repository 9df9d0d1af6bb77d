import type { ChartMarker } from "@/components/charts/usage-time-series";
import type { AuditEventItem } from "@/lib/schemas/audit";
import { LIMIT_LABELS, PLAN_DEFINITIONS, type Limits, type Plan } from "@/lib/tenants/plans";

const planLabel = (p: unknown) => (typeof p === "string" && p in PLAN_DEFINITIONS ? PLAN_DEFINITIONS[p as Plan].label : String(p));
const limitValue = (v: unknown) => (v === null ? "unlimited" : typeof v === "number" ? v.toLocaleString("en-US") : String(v));

function limitChanges(change: { before: unknown; after: unknown } | undefined): string {
  const before = (change?.before ?? {}) as Partial<Limits>;
  const after = (change?.after ?? {}) as Partial<Limits>;
  const keys = Object.keys(after).filter((k) => (before as Record<string, unknown>)[k] !== (after as Record<string, unknown>)[k]) as (keyof Limits)[];
  return keys.map((k) => `${LIMIT_LABELS[k] ?? k} ${limitValue(before[k])} → ${limitValue(after[k])}`).join(", ");
}

/**
 * Audit events as chart markers: plan and limit changes (a tenant.updated that
 * changed neither is not one), suspensions, reactivations, archiving, scaling.
 */
export function auditMarkers(events: AuditEventItem[]): ChartMarker[] {
  return events.flatMap((e): ChartMarker[] => {
    const t = new Date(e.timestamp).getTime();
    const by = e.actor.name;
    switch (e.event_type) {
      case "tenant.updated": {
        const out: ChartMarker[] = [];
        if (e.changes.plan) out.push({ id: `${e.id}-plan`, t, label: "Plan changed", detail: `${planLabel(e.changes.plan.before)} → ${planLabel(e.changes.plan.after)} by ${by}` });
        // A plan change resets the limits too; the plan marker says enough.
        else if (e.changes.limits) out.push({ id: `${e.id}-limits`, t, label: "Limits changed", detail: `${limitChanges(e.changes.limits)} by ${by}` });
        return out;
      }
      case "tenant.suspended":
        return [{ id: e.id, t, label: "Suspended", detail: `by ${by}` }];
      case "tenant.reactivated":
        return [{ id: e.id, t, label: "Reactivated", detail: `by ${by}` }];
      case "tenant.archived":
        return [{ id: e.id, t, label: "Archived", detail: `by ${by}` }];
      case "resources.scaled":
        return [{ id: e.id, t, label: "Resources scaled", detail: `by ${by}` }];
      default:
        return [];
    }
  });
}
