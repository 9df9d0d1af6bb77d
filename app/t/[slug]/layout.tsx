import type { Metadata } from "next";
import { portalColors, portalTenant } from "@/lib/tenancy/portal-tenant";

type Props = { children: React.ReactNode; params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await portalTenant((await params).slug);
  return { title: { absolute: tenant.name } };
}

export default async function PortalLayout({ children, params }: Props) {
  const tenant = await portalTenant((await params).slug);
  const { primary, secondary } = portalColors(tenant);
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  return (
    <div style={{ "--portal-primary": primary, "--portal-secondary": secondary } as React.CSSProperties} className="flex min-h-screen flex-col bg-white">
      <header className="border-b border-slate-200" style={{ borderTop: `4px solid ${primary}` }}>
        <div className="mx-auto flex h-16 max-w-5xl items-center gap-3 px-6">
          <span aria-hidden className="grid size-9 place-items-center rounded-lg text-sm font-semibold text-white" style={{ background: primary }}>
            {company.slice(0, 1).toUpperCase()}
          </span>
          <span className="text-base font-semibold" data-testid="portal-company">
            {company}
          </span>
        </div>
      </header>
      <main className="mx-auto w-full max-w-5xl flex-1 px-6 py-12">{children}</main>
      <footer className="border-t border-slate-100 py-6 text-center text-xs text-slate-400">Powered by Atrium</footer>
    </div>
  );
}
