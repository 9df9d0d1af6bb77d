import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { MailStatus } from "@/lib/schemas/mail";

const STATUS: Record<MailStatus, { tone: BadgeTone; label: string }> = {
  outbox: { tone: "sky", label: "Outbox" },
  pending: { tone: "amber", label: "Pending" },
  sent: { tone: "green", label: "Sent" },
  failed: { tone: "red", label: "Failed" },
};

export function MailStatusBadge({ status }: { status: MailStatus }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}
