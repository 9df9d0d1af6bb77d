import { Badge } from "@/components/ui/badge";
import type { WebhookEndpointView } from "./webhook-ops";

/** Why an endpoint is off, in words. */
export const DISABLED_REASON: Record<NonNullable<WebhookEndpointView["disabled_reason"]>, string> = {
  manual: "Disabled by hand.",
  gone: "Disabled because the endpoint answered 410 Gone.",
  failing: "Disabled after five days of failed deliveries; the admins were emailed.",
};

/** Enabled, or disabled with why (by hand, 410 Gone, five days of failures). */
export function EndpointStatusBadge({ endpoint }: { endpoint: Pick<WebhookEndpointView, "enabled" | "disabled_reason"> }) {
  return endpoint.enabled ? (
    <Badge tone="green" dot>
      Enabled
    </Badge>
  ) : (
    <Badge tone={endpoint.disabled_reason && endpoint.disabled_reason !== "manual" ? "red" : "zinc"}>Disabled</Badge>
  );
}

/** "98.5%" or "—" while nothing was attempted. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  const pct = rate * 100;
  return `${pct === 100 || pct === 0 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}

/** The event types as short chips, "All events" for `*`. */
export function EventTypeChips({ types, max = 3 }: { types: string[]; max?: number }) {
  if (types.includes("*")) return <Badge tone="indigo">All events</Badge>;
  const shown = types.slice(0, max);
  return (
    <div className="flex flex-wrap gap-1">
      {shown.map((t) => (
        <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">
          {t}
        </span>
      ))}
      {types.length > max ? <span className="px-1 text-[11px] text-slate-500">+{types.length - max} more</span> : null}
    </div>
  );
}
