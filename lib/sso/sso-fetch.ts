import dns from "node:dns/promises";
import net from "node:net";
import type { CustomFetch } from "openid-client";
import { env } from "@/lib/env";
import { isAddressAllowed } from "@/lib/webhooks/address-policy";

/**
 * Every request Atrium makes to a tenant's identity provider (discovery,
 * JWKS, token, userinfo) goes through here: a tenant admin chooses the issuer,
 * so the server must not be made to call its own network (the webhooks' SSRF
 * rule, lib/webhooks/address-policy.ts). Loopback and private addresses only
 * with SSO_ALLOW_INSECURE_ISSUERS=true (tests run the provider on loopback);
 * redirects are never followed.
 */
export const ssoFetch: CustomFetch = async (url, options) => {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
  const refused = addresses.find((a) => !isAddressAllowed(a, env.ssoAllowInsecureIssuers));
  if (refused) throw new Error(`${host} resolves to ${refused}, a private or reserved address; identity providers must be on public addresses`);
  return fetch(url, { ...options, redirect: "manual" } as RequestInit);
};
