import type { Metadata } from "next";
import { DeadEnd } from "@/components/ui/dead-end";
import { supportContact } from "@/lib/branding/support-contact";
import { describeInvitation } from "@/lib/invitations/describe-invitation";
import { portalMember } from "@/lib/portal/portal-session";
import { signedInAccount } from "@/lib/portal/session-account";
import { portalColors, portalTenant } from "@/lib/tenancy/portal-tenant";
import { AcceptInvitationForm } from "./accept-form";
import { SignOutButton } from "./sign-out-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

const CLOSED: Record<string, string> = {
  accepted: "This invitation has already been used. If it was yours, sign in with the account it created.",
  revoked: "This invitation was revoked. Ask an administrator for a new one.",
  expired: "This invitation has expired. Ask an administrator to resend it.",
};

export default async function AcceptInvitationPage({ params }: { params: Promise<{ slug: string; token: string }> }) {
  const { slug, token } = await params;
  const tenant = await portalTenant(slug);
  const { primary } = portalColors(tenant);
  const invitation = await describeInvitation(token, tenant.id);
  // A session whose membership was since suspended or removed is still someone signed in (the actions refuse them too).
  const [member, session] = await Promise.all([portalMember(tenant), signedInAccount(tenant)]);

  if (!invitation || CLOSED[invitation.status]) {
    return (
      <DeadEnd
        testId="invitation-closed"
        title="This link does not work"
        links={[
          { href: "/login", label: "Sign in" },
          { href: "/", label: `Go to ${tenant.name}` },
        ]}
        support={supportContact(tenant.branding)}
      >
        {invitation ? CLOSED[invitation.status] : "This invitation does not exist or is no longer valid. Ask an administrator of this organisation for a new one."}
      </DeadEnd>
    );
  }
  const signedIn = session ?? member;
  if (signedIn && (member || signedIn.email.toLowerCase() !== invitation.email)) {
    const same = signedIn.email.toLowerCase() === invitation.email;
    return (
      <section className="mx-auto max-w-md" data-testid="invitation-signed-in">
        <h1 className="text-2xl font-semibold tracking-tight">Join {tenant.name}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {same ? (
            <>You are already a member of {tenant.name} as {signedIn.email}.</>
          ) : (
            <>
              You are signed in as <strong>{signedIn.email}</strong>, but this invitation was sent to <strong>{invitation.email}</strong>. Sign out, then open the link again to accept it with that address.
            </>
          )}
        </p>
        {same ? null : <SignOutButton />}
      </section>
    );
  }
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Join {tenant.name}</h1>
      <p className="mt-2 text-sm text-slate-600">
        <strong>{invitation.email}</strong> was invited to {tenant.name} as <strong>{invitation.role_name}</strong>.{" "}
        {invitation.account_exists ? "You already have an account: enter its password to accept." : "Choose your name and a password to create your account."}
      </p>
      <AcceptInvitationForm slug={slug} token={token} email={invitation.email} roleName={invitation.role_name} tenantName={tenant.name} color={primary} existingAccount={invitation.account_exists} />
    </section>
  );
}
