import { Badge, type BadgeTone } from "@/components/ui/badge";
import { SEVERITY_LABELS, type NotificationSeverity } from "@/lib/schemas/notifications";

const TONES: Record<NotificationSeverity, BadgeTone> = { info: "sky", maintenance: "amber", billing: "violet", security: "red" };

export function severityTone(severity: string): BadgeTone {
  return TONES[severity as NotificationSeverity] ?? "slate";
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={severityTone(severity)}>{SEVERITY_LABELS[severity as NotificationSeverity] ?? severity}</Badge>;
}
