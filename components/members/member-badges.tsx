import { Badge, type BadgeTone } from "@/components/ui/badge";

const ROLE_TONES: Record<string, BadgeTone> = { owner: "violet", admin: "indigo", manager: "sky", member: "slate", viewer: "zinc" };

/** A member's or invitation's role; custom roles (ids, not built-in keys) get one shared tone. */
export function RoleBadge({ role, name }: { role: string; name: string }) {
  return <Badge tone={ROLE_TONES[role] ?? "slate"}>{name}</Badge>;
}

const MEMBER_STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  active: { tone: "green", label: "Active" },
  suspended: { tone: "amber", label: "Suspended" },
};

export function MemberStatusBadge({ status }: { status: string }) {
  const s = MEMBER_STATUS[status] ?? { tone: "slate" as const, label: status };
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}

const INVITATION_STATUS: Record<string, { tone: BadgeTone; label: string }> = {
  pending: { tone: "sky", label: "Pending" },
  expired: { tone: "zinc", label: "Expired" },
  accepted: { tone: "green", label: "Accepted" },
  revoked: { tone: "red", label: "Revoked" },
};

export function InvitationStatusBadge({ status }: { status: string }) {
  const s = INVITATION_STATUS[status] ?? { tone: "slate" as const, label: status };
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}
