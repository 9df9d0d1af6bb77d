import { env } from "@/lib/env";

export const SSO_CALLBACK_PATH = "/api/sso/callback";

/**
 * The redirect URI of a flow started on `host` (the tenant's host the member
 * is on: `<slug>.<root>` or a verified custom domain). The browser must come
 * back to the same host, where its state cookie lives.
 */
export function ssoRedirectUri(host: string): string {
  return `${env.publicScheme}://${host}${SSO_CALLBACK_PATH}`;
}

/** The one to register at the identity provider (the slug host; a custom domain needs its own entry too). */
export const defaultSsoRedirectUri = (slug: string) => ssoRedirectUri(`${slug}.${env.rootDomain}`);
