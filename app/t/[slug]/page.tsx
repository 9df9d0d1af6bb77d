import Link from "next/link";
import { memberAccess, portalMember } from "@/lib/portal/portal-session";
import { visibleSections } from "@/lib/portal/portal-sections";
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
  const member = await portalMember(tenant);
  if (!member) {
    return (
      <section data-testid="portal-home">
        <p className="text-sm font-medium" style={{ color: secondary }}>
          Welcome
        </p>
        <h1 className="mt-2 text-3xl font-semibold tracking-tight">{tenant.name}</h1>
        <p className="mt-3 max-w-xl text-slate-600">This is the self-service portal of {tenant.name}. Members, roles and API keys are managed here.</p>
        <div className="mt-8 flex gap-3">
          <Link href="/login" className="rounded-lg px-4 py-2 text-sm font-medium text-white" style={{ background: primary }}>
            Sign in
          </Link>
        </div>
      </section>
    );
  }
  const { permissions, roleName } = await memberAccess(tenant, member);
  const sections = visibleSections(permissions).filter((x) => x.href !== "/");
  return (
    <section data-testid="portal-home">
      <p className="text-sm font-medium" style={{ color: secondary }}>
        Signed in as {member.name} · {roleName}
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{tenant.name}</h1>
      {sections.length ? (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Sections">
          {sections.map((x) => (
            <li key={x.href}>
              <Link href={x.href} className="block rounded-xl border border-slate-200 p-5 transition-colors hover:border-slate-300 hover:bg-slate-50">
                <span className="text-base font-semibold text-slate-900">{x.label}</span>
                <span className="mt-1 block text-sm text-slate-500">{SECTION_BLURBS[x.href]}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 max-w-xl text-slate-600">Your role gives you access to {tenant.name}&apos;s product, but not to its administration.</p>
      )}
    </section>
  );
}

const SECTION_BLURBS: Record<string, string> = {
  "/members": "Who belongs here, their roles, and open invitations",
  "/roles": "Built-in and custom roles and what each may do",
  "/api-keys": "Keys for scripts, scoped to this workspace",
  "/branding": "Logo, colours, emails and custom CSS, with a live preview",
  "/domains": "Your own domains for this portal, and their DNS records",
};
