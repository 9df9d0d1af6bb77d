import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { HealthStatus } from "@/lib/schemas/analytics";

const STATUS: Record<HealthStatus, { tone: BadgeTone; label: string }> = {
  healthy: { tone: "green", label: "Healthy" },
  degraded: { tone: "amber", label: "Degraded" },
  critical: { tone: "red", label: "Critical" },
};

export const healthStatusLabel = (status: HealthStatus | "unknown") => (status === "unknown" ? "Not checked" : STATUS[status].label);
export const healthStatusTone = (status: HealthStatus | "unknown"): BadgeTone => (status === "unknown" ? "slate" : STATUS[status].tone);

/**
 * Score and status in words as well as colour, so the badge reads the same
 * without colour vision; `null` (never checked) says so instead of a made-up score.
 */
export function HealthBadge({ health }: { health: { score: number; status: HealthStatus } | null }) {
  if (!health) return <Badge tone="slate">Not checked</Badge>;
  return (
    <Badge tone={healthStatusTone(health.status)} dot>
      <span className="tabular-nums">{health.score}</span>
      <span>{healthStatusLabel(health.status)}</span>
    </Badge>
  );
}
