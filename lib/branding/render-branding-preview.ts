import { withTenantScope } from "@/lib/db/scope";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { invitationEmail } from "@/lib/mail/invitation-email";
import { getBranding } from "@/lib/branding/get-branding";
import { previewBranding } from "@/lib/branding/preview-branding";
import { contrastWarnings } from "@/lib/branding/validate-colour";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Sample data for the invitation preview; the token is not a real invitation's. */
export const SAMPLE_INVITATION = { inviterLabel: "Jane Admin", roleName: "Member", token: "preview-sample-link" } as const;

/**
 * What the branding editor shows next to the form: the sanitised branding with
 * its warnings and CSS removals, and the real invitation email rendered with it.
 * With no changes the stored branding is shown (branding:read); with changes
 * it is previewBranding's result (branding:update).
 */
export async function renderBrandingPreview(actor: TenantActor, tenantId: string, input: unknown) {
  const changed = input !== null && typeof input === "object" && Object.keys(input).length > 0;
  const preview = changed
    ? await previewBranding(actor, tenantId, input)
    : await getBranding(actor, tenantId).then((r) => ({ branding: r.branding, warnings: contrastWarnings(r.branding), css_removed: [] }));
  const tenant = await withTenantScope(tenantId, async (tx) => {
    const row = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true } });
    return { ...row, primaryDomain: await primaryDomainHost(tx, tenantId) };
  });
  const mail = invitationEmail({ tenant: { ...tenant, branding: preview.branding }, ...SAMPLE_INVITATION, expiresAt: new Date(Date.now() + 7 * 86_400_000) });
  return { ...preview, email: { subject: mail.subject, html: mail.html } };
}
