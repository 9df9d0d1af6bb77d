import { Badge } from "@/components/ui/badge";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

/** Approved and not yet past its expiry (the sweep may lag by a minute). */
export const grantIsLive = (g: ImpersonationGrantView, now: number) => g.status === "approved" && g.expires_at !== null && Date.parse(g.expires_at) > now;

export const modeLabel = (mode: ImpersonationGrantView["mode"]) => (mode === "full" ? "Full access" : "Read-only");

/** "14:05" in the viewer's clock; the banners say until when. */
// UTC and 24-hour like every other time in Atrium, so the server and the browser render the same text.
const clockFmt = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC", timeZoneName: "short" });
export const clockTime = (iso: string) => clockFmt.format(new Date(iso));

export function GrantStatus({ grant, now }: { grant: ImpersonationGrantView; now: number }) {
  if (grant.status === "approved" && !grantIsLive(grant, now)) return <Badge tone="zinc">Expired</Badge>;
  switch (grant.status) {
    case "requested":
      return (
        <Badge tone="amber" dot>
          Awaiting approval
        </Badge>
      );
    case "approved":
      return (
        <Badge tone="green" dot>
          Active until {clockTime(grant.expires_at!)}
        </Badge>
      );
    case "denied":
      return <Badge tone="red">Denied</Badge>;
    case "expired":
      return <Badge tone="zinc">Expired</Badge>;
    case "revoked":
      return <Badge tone="zinc">{grant.decided_at && !grant.starts_at ? "Withdrawn" : "Revoked"}</Badge>;
  }
}
