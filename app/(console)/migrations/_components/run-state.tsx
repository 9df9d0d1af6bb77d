import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATES: Record<string, { tone: BadgeTone; label: string }> = {
  queued: { tone: "sky", label: "Queued" },
  pending: { tone: "slate", label: "Pending" },
  running: { tone: "indigo", label: "Running" },
  succeeded: { tone: "green", label: "Succeeded" },
  failed: { tone: "red", label: "Failed" },
  stopped: { tone: "amber", label: "Stopped" },
  skipped: { tone: "zinc", label: "Skipped" },
};

/** A fleet run's or one tenant's state. */
export function RunStateBadge({ state }: { state: string }) {
  const s = STATES[state] ?? { tone: "slate" as const, label: state };
  return (
    <Badge tone={s.tone} dot pulse={state === "running"}>
      {s.label}
    </Badge>
  );
}

export const runIsActive = (state: string) => state === "queued" || state === "running";

/** 95 → "1 min 35 s"; null → "—". */
export function formatSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return "—";
  if (s < 60) return `${Math.max(0, Math.round(s))} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const formatMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
