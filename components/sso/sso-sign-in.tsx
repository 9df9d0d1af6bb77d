import { buttonClasses } from "@/components/ui/button";

/**
 * "Continue with <IdP>" on a portal's login page: a plain link to
 * /api/sso/start (a top-level navigation to the provider, no script needed).
 * `divider` separates it from the password form below it.
 */
export function SsoSignIn({ displayName, callbackUrl, divider }: { displayName: string; callbackUrl: string; divider: boolean }) {
  const href = `/api/sso/start?${new URLSearchParams({ callbackUrl }).toString()}`;
  return (
    <div>
      <a href={href} className={buttonClasses("secondary", "md", "w-full")} data-testid="sso-continue">
        Continue with {displayName}
      </a>
      {divider ? (
        <div className="my-5 flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
          <span className="h-px flex-1 bg-slate-200" />
          or with your password
          <span className="h-px flex-1 bg-slate-200" />
        </div>
      ) : null}
    </div>
  );
}
