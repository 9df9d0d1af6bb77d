import { NavLinks } from "@/components/ui/nav-links";

const LINKS = [
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Sessions" },
] as const;

/** The account area's header and tabs, the same on the console and on every portal. */
export function AccountHeader({ email }: { email: string }) {
  return (
    <div className="mb-6 space-y-4 border-b border-slate-200 pb-3">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Your account</h1>
        <p className="mt-1 text-sm text-slate-500">{email}</p>
      </div>
      <NavLinks label="Account" links={LINKS} />
    </div>
  );
}
