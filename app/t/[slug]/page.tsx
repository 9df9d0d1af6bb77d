import { portalColors, portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";

const UNAVAILABLE: Record<string, { title: string; body: string }> = {
  suspended: { title: "This workspace is suspended", body: "Access has been paused by the platform team. If you administer this workspace, contact support to restore it." },
  provisioning: { title: "This workspace is being set up", body: "It will be ready in a moment. Refresh this page shortly." },
  archived: { title: "This workspace is archived", body: "Its data is preserved but it is no longer in use." },
  pending_deletion: { title: "This workspace is scheduled for deletion", body: "It is no longer available. Contact support if this is unexpected." },
};

export default async function PortalHome({ params }: { params: Promise<{ slug: string }> }) {
  const tenant = await portalTenant((await params).slug);
  const { primary, secondary } = portalColors(tenant);
  const unavailable = UNAVAILABLE[tenant.status];
  if (unavailable) {
    return (
      <section data-testid="portal-unavailable" data-status={tenant.status} className="mx-auto max-w-lg rounded-2xl border border-slate-200 p-10 text-center">
        <div aria-hidden className="mx-auto mb-6 grid size-12 place-items-center rounded-full bg-amber-50 text-2xl text-amber-600">!</div>
        <h1 className="text-xl font-semibold">{unavailable.title}</h1>
        <p className="mt-3 text-sm leading-6 text-slate-600">{unavailable.body}</p>
      </section>
    );
  }
  return (
    <section data-testid="portal-home">
      <p className="text-sm font-medium" style={{ color: secondary }}>
        Welcome
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{tenant.name}</h1>
      <p className="mt-3 max-w-xl text-slate-600">This is the self-service portal of {tenant.name}. Members, roles, branding and domains are managed here.</p>
      <div className="mt-8 flex gap-3">
        <span className="rounded-lg px-4 py-2 text-sm font-medium text-white" style={{ background: primary }}>
          Portal home
        </span>
        <span className="rounded-lg border px-4 py-2 text-sm font-medium" style={{ borderColor: secondary, color: secondary }}>
          {tenant.slug}
        </span>
      </div>
    </section>
  );
}
