import type { TenantDomain } from "@/lib/generated/prisma/client";

/** Pending domains are looked at every minute for a week after they were added; then only "Verify" looks again. */
export const PENDING_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** When the job stops re-checking a domain that is not verified. */
export const recheckEndsAt = (d: Pick<TenantDomain, "createdAt">) => new Date(d.createdAt.getTime() + PENDING_WINDOW_MS);

export const withinRecheckWindow = (d: Pick<TenantDomain, "createdAt">, now: Date) => now < recheckEndsAt(d);
