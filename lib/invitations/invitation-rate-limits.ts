import type { Tx } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { enforceRateLimit, rateLimitFreeAt } from "@/lib/http/rate-limit";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

// Every invitation is an email to an address the inviter typed: without limits,
// anyone who may invite could use the tenant (and Atrium's mail reputation) to
// flood an inbox. Both limits are taken inside the inviting transaction, so a
// refused or failed batch gives back what it took and writes nothing.

const HOUR = 3600;
const mailKey = (tenantId: string) => `invitation-mail:${tenantId}`;
// Per tenant, not global: one tenant's resends must not block (or reveal) another tenant's invitation.
const resendKey = (tenantId: string, email: string) => `invitation-resend:${tenantId}:${email}`;
const resendWindow = () => env.invitationResendIntervalMinutes * 60;

/** Atrium's own scripts (the demo seed, the CLI) are not who these limits protect against. */
const exempt = (actor: TenantActor) => actor.kind === "platform" && actor.caller.kind === "system";

/** Takes `count` invitation emails from the tenant's hourly allowance, all or none (429 saying when to retry). */
export async function takeInvitationMails(tx: Tx, actor: TenantActor, tenantId: string, count: number): Promise<void> {
  if (count <= 0 || exempt(actor)) return;
  await enforceRateLimit(mailKey(tenantId), env.invitationRateLimitPerHour, HOUR, "invitation emails for this tenant", { cost: count, tx });
}

/** One resend per invitee per interval, and the resend's email counts against the tenant's hourly allowance. */
export async function takeInvitationResend(tx: Tx, actor: TenantActor, tenantId: string, email: string): Promise<void> {
  if (exempt(actor)) return;
  await enforceRateLimit(resendKey(tenantId, email), 1, resendWindow(), "resends of this invitation", { tx });
  await takeInvitationMails(tx, actor, tenantId, 1);
}

/** When each of these invitees may be sent a resend again; invitees missing from the map may get one now. */
export async function resendAvailableAt(tx: Tx, tenantId: string, emails: string[]): Promise<Map<string, Date>> {
  const free = await rateLimitFreeAt(emails.map((e) => resendKey(tenantId, e)), 1, resendWindow(), tx);
  return new Map(emails.flatMap((e) => (free.has(resendKey(tenantId, e)) ? [[e, free.get(resendKey(tenantId, e))!] as const] : [])));
}
