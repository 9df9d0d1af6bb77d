import { StaffSupportBanner, TenantSupportNotices } from "@/components/impersonation/support-banners";
import { supportNotices } from "@/lib/impersonation/support-notices";
import { consoleBaseUrl } from "@/lib/tenancy/console-base-url";
import type { Metadata } from "next";
import Link from "next/link";
import { VerifyEmailBanner } from "@/components/auth/verify-email-banner";
import { CommandPalette } from "@/components/command-palette/command-palette";
import { MaintenanceBanner } from "@/components/notifications/maintenance-banner";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { UserMenu } from "@/components/console/user-menu";
import { LimitNoticesBanner } from "@/components/limits/limit-notices-banner";
import { Providers } from "@/components/providers";
import { ResponsiveNav } from "@/components/ui/nav-drawer";
import { unverifiedEmailOf } from "@/lib/auth/email-verification/unverified-email";
import { listNotices } from "@/lib/limits/list-notices";
import { memberAccess, portalMember } from "@/lib/portal/portal-session";
import { visibleSections } from "@/lib/portal/portal-sections";
import { assetUrlOrNull, styleElementText } from "@/lib/branding/portal-preview-document";
import { brandPalette, darkBrandPalette, type BrandPalette } from "@/lib/branding/brand-colours";
import { portalColors, portalTenant } from "@/lib/tenancy/portal-tenant";

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

type PortalBranding = { company_name?: unknown; logo_url?: unknown; favicon_url?: unknown; custom_css?: unknown };

function portalBranding(tenant: { name: string; branding: Record<string, unknown> }) {
  const b = tenant.branding as PortalBranding;
  return {
    company: typeof b.company_name === "string" && b.company_name.trim() ? b.company_name : tenant.name,
    // Only images uploaded to Atrium: the stored value is checked on save, and again here.
    logo: assetUrlOrNull(b.logo_url),
    favicon: assetUrlOrNull(b.favicon_url),
    css: typeof b.custom_css === "string" ? b.custom_css : "",
  };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await portalTenant((await params).slug);
  const { company, favicon } = portalBranding(tenant);
  return { title: { absolute: company, template: `%s · ${company}` }, ...(favicon ? { icons: { icon: favicon } } : {}) };
}

/**
 * The tenant's colours replace the console palette's indigo inside the portal,
 * so every shared component (buttons, focus rings, links) wears them, each
 * with a foreground derived for contrast. Badges use iris, which stays put.
 * Both schemes' values go on the element; app/globals.css (.portal-root)
 * picks the light or the dark set with the page's scheme.
 */
function themeVariables(light: BrandPalette, dark: BrandPalette): React.CSSProperties {
  const vars: Record<string, string> = {};
  for (const [scheme, p] of [["light", light], ["dark", dark]] as const) {
    Object.assign(vars, {
      [`--brand-${scheme}-primary`]: p.primary,
      [`--brand-${scheme}-on-primary`]: p.onPrimary,
      [`--brand-${scheme}-secondary`]: p.secondary,
      [`--brand-${scheme}-secondary-text`]: p.secondaryText,
      [`--brand-${scheme}-50`]: p.tint50,
      [`--brand-${scheme}-100`]: p.tint100,
      [`--brand-${scheme}-200`]: p.tint200,
      [`--brand-${scheme}-300`]: p.tint300,
      [`--brand-${scheme}-500`]: p.primaryHover,
      [`--brand-${scheme}-700`]: p.ink,
    });
  }
  return vars as React.CSSProperties;
}

export default async function PortalLayout({ children, params }: Props) {
  const tenant = await portalTenant((await params).slug);
  const { primary, secondary } = portalColors(tenant);
  const palette = themeVariables(brandPalette(primary, secondary), darkBrandPalette(primary, secondary));
  const { company, logo, css } = portalBranding(tenant);
  const member = await portalMember(tenant);
  const access = member ? await memberAccess(tenant, member) : null;
  // Usage notices (limits check) for members who may see usage, on every portal page.
  const notices = member && access?.permissions.has("usage:read") ? await listNotices(member.actor, tenant.id, {}) : [];
  // Support access: staff acting here see their own banner; members see support at work, owners the requests awaiting them.
  const support = member?.actor.impersonation;
  const supportSide = member && !support ? await supportNotices(member.actor, tenant.id) : null;
  const unverified = member && !support ? await unverifiedEmailOf(member.actor.userId) : null;

  return (
    <Providers>
      {/* The tenant's custom CSS, already sanitised and scoped to .portal-root when it was saved; text children, so React escapes nothing it needs and `<` is neutralised anyway. */}
      {css ? <style data-testid="portal-custom-css">{styleElementText(css)}</style> : null}
      <div style={palette} className="portal-root flex min-h-screen flex-col bg-white text-sm">
        <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          Skip to content
        </a>
        <header data-testid="portal-header" className="portal-header border-b border-slate-200" style={{ borderTop: `4px solid ${primary}` }}>
          <div className="mx-auto flex min-h-16 max-w-6xl flex-wrap items-center gap-x-4 px-4 sm:gap-x-6 sm:px-6">
            <Link href="/" className="flex h-16 min-w-0 items-center gap-3 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              {logo ? (
                // eslint-disable-next-line @next/next/no-img-element -- served by Atrium's asset route with immutable caching; no optimiser needed
                <img src={logo} alt="" data-testid="portal-logo" className="h-9 w-auto max-w-32 shrink-0 object-contain sm:max-w-40" />
              ) : (
                <span aria-hidden className="grid size-9 shrink-0 place-items-center rounded-lg bg-indigo-600 text-sm font-semibold text-on-primary">
                  {company.slice(0, 1).toUpperCase()}
                </span>
              )}
              <span className="truncate text-base font-semibold" data-testid="portal-company">
                {company}
              </span>
            </Link>
            {access ? <ResponsiveNav label="Portal" title={company} links={visibleSections(access.permissions)} breakpoint="lg" ownRow /> : null}
            <div className="ml-auto flex shrink-0 items-center gap-1 sm:gap-2">
              {member && access ? (
                <>
                  <CommandPalette scope={{ kind: "portal", tenantId: tenant.id, tenantSlug: tenant.slug, permissions: [...access.permissions] }} />
                  <NotificationBell scope={{ kind: "portal", tenantId: tenant.id, tenantSlug: tenant.slug, permissions: [...access.permissions] }} />
                  <ThemeToggle />
                  <UserMenu email={member.email} roleLabel={access.roleName} />
                </>
              ) : tenant.status === "active" ? (
                <Link href="/login" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-50 hover:text-slate-900">
                  Sign in
                </Link>
              ) : null}
            </div>
          </div>
        </header>
        {support ? (
          <StaffSupportBanner
            tenantId={tenant.id}
            tenantName={tenant.name}
            grantId={support.grantId}
            mode={support.mode}
            expiresAt={support.expiresAt.toISOString()}
            exitUrl={`${consoleBaseUrl()}/tenants/${tenant.id}?tab=support`}
          />
        ) : null}
        {supportSide ? <TenantSupportNotices tenantId={tenant.id} {...supportSide} /> : null}
        <MaintenanceBanner tenantId={tenant.id} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
          {unverified ? <VerifyEmailBanner email={unverified} /> : null}
          {notices.length ? <LimitNoticesBanner tenantId={tenant.id} notices={notices} canDismiss={access?.permissions.has("settings:update") ?? false} /> : null}
          {children}
        </main>
        <footer className="border-t border-slate-100 py-6 text-center text-xs text-slate-500">Powered by Atrium</footer>
      </div>
    </Providers>
  );
}
