import type { BadgeTone } from "@/components/ui/badge";

/** A size the API gives in MB, in the unit that reads best: 0.004 → "4.1 KB". */
export function formatMb(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return "—";
  const bytes = mb * 1024 * 1024;
  if (!Number.isFinite(bytes)) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toLocaleString("en-US", { maximumFractionDigits: i === 0 || n >= 100 ? 0 : 1 })} ${units[i]}`;
}

export const BACKUP_TYPE_LABELS: Record<string, string> = { full: "Full", schema_only: "Schema only", data_only: "Data only" };

export const STATUS_TONES: Record<string, { tone: BadgeTone; label: string }> = {
  queued: { tone: "sky", label: "Queued" },
  planned: { tone: "sky", label: "Planned" },
  in_progress: { tone: "indigo", label: "Running" },
  running: { tone: "indigo", label: "Running" },
  completed: { tone: "green", label: "Completed" },
  failed: { tone: "red", label: "Failed" },
  expired: { tone: "zinc", label: "Expired" },
};

/** "copying_data" → "Copying data". */
export function stepLabel(step: string | null | undefined): string {
  if (!step) return "Starting";
  const s = step.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const isRunning = (status: string) => status === "queued" || status === "in_progress" || status === "running";
