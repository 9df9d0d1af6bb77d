import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PLAN_DEFINITIONS, type Plan } from "@/lib/tenants/plans";

const STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  provisioning: { tone: "sky", label: "Provisioning" },
  active: { tone: "green", label: "Active" },
  suspended: { tone: "amber", label: "Suspended" },
  archived: { tone: "zinc", label: "Archived" },
  pending_deletion: { tone: "red", label: "Pending deletion" },
};

export const STATUS_LABELS: Record<string, string> = Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [k, v.label]));

export function TenantStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: "slate" as const, label: status };
  return (
    <Badge tone={s.tone} dot pulse={status === "provisioning"}>
      {s.label}
    </Badge>
  );
}

const PLAN_TONES: Record<Plan, BadgeTone> = { basic: "slate", professional: "indigo", enterprise: "violet" };

export function PlanBadge({ plan }: { plan: string }) {
  const def = PLAN_DEFINITIONS[plan as Plan];
  return <Badge tone={PLAN_TONES[plan as Plan] ?? "slate"}>{def?.label ?? plan}</Badge>;
}

export function TrialBadge({ endsAt, now }: { endsAt: string | null; now?: number }) {
  const daysLeft = endsAt && now !== undefined ? Math.ceil((new Date(endsAt).getTime() - now) / 86_400_000) : null;
  const text = daysLeft === null ? "Trial" : daysLeft > 0 ? `Trial · ${daysLeft}d left` : "Trial ended";
  return <Badge tone="amber">{text}</Badge>;
}
