// Display helpers shared by the console's pages (client and server safe).

const dateFmt = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const dateTimeFmt = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** "Nov 23, 2026" (UTC, so server and browser render the same text). */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFmt.format(new Date(iso)) : "—";
}

/** "Nov 23, 2026, 14:05 UTC". */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? `${dateTimeFmt.format(new Date(iso))} UTC` : "—";
}

/** "3 days ago", relative to `now` (pass the same `now` on server and client). */
export function formatRelative(iso: string, now: number): string {
  const s = Math.round((now - new Date(iso).getTime()) / 1000);
  const abs = Math.abs(s);
  const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  if (abs < 60) return "just now";
  if (abs < 3600) return rtf.format(-Math.round(s / 60), "minute");
  if (abs < 86_400) return rtf.format(-Math.round(s / 3600), "hour");
  if (abs < 30 * 86_400) return rtf.format(-Math.round(s / 86_400), "day");
  return formatDate(iso);
}

export function formatNumber(n: number | null | undefined, maxFractionDigits = 1): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: maxFractionDigits });
}

/** 24000 → "24K". */
export function formatCompact(n: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** Words that are acronyms, whatever the case of the action name they came from. */
const ACRONYMS: Record<string, string> = { api: "API", css: "CSS", dns: "DNS", tls: "TLS", ssl: "SSL", url: "URL" };

/** "tenant.deletion_scheduled" → "Deletion scheduled"; "api_key.revoked" → "API key revoked". */
export function humanizeAction(action: string): string {
  const tail = action.includes(".") ? action.slice(action.indexOf(".") + 1) : action;
  const text = tail.replace(/_/g, " ");
  const subject = action.startsWith("tenant.") ? "" : `${action.split(".")[0].replace(/_/g, " ")} `;
  const s = `${subject}${text}`.replace(/\b[a-z]+\b/g, (w) => ACRONYMS[w] ?? w);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
