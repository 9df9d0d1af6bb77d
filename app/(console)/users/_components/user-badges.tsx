import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PLATFORM_ROLE_LABELS, type PlatformRole } from "@/lib/auth/permissions";

const ROLE_TONES: Record<PlatformRole, BadgeTone> = { admin: "violet", operator: "indigo", auditor: "sky" };

/** An account's platform role; most accounts are tenant members only and have none. */
export function PlatformRoleBadge({ role }: { role: PlatformRole | null }) {
  if (!role) return <span className="text-[13px] text-slate-500">None</span>;
  return <Badge tone={ROLE_TONES[role]}>{PLATFORM_ROLE_LABELS[role]}</Badge>;
}

const STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  active: { tone: "green", label: "Active" },
  suspended: { tone: "amber", label: "Suspended" },
};

export function UserStatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { tone: "slate" as const, label: status };
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}
