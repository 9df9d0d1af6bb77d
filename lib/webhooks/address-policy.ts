import ipaddr from "ipaddr.js";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { env } from "@/lib/env";

/**
 * Where webhooks may connect (DESIGN.md's SSRF rule). Only public unicast
 * addresses, checked on the address DNS answered, at connect time, by
 * request-filtering-agent: loopback, private, link-local, CGNAT, unique-local,
 * multicast, unspecified and IPv4-mapped IPv6 are refused. With
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, loopback, RFC 1918, CGNAT and
 * unique-local become reachable too, never link-local (169.254.169.254 is the
 * cloud metadata service) nor the unspecified or mapped forms.
 */
const PRIVATE_WHEN_ALLOWED = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"];

const allowList = (allowPrivate: boolean) => (allowPrivate ? PRIVATE_WHEN_ALLOWED : []);

/** The same yes/no the agent gives, for URLs whose host is an address literal (refused when saved, with a clear 400). */
export function isAddressAllowed(address: string, allowPrivate = env.webhookAllowPrivateNetworks): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (parsed.range() === "unicast") return true;
  return allowList(allowPrivate).some((cidr) => {
    const range = ipaddr.parseCIDR(cidr);
    return range[0].kind() === parsed.kind() && parsed.match(range);
  });
}

export type WebhookAgents = { http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent };

/** Agents that refuse what isAddressAllowed refuses; keep-alive so a busy endpoint reuses its connections. */
export function webhookAgents(allowPrivate = env.webhookAllowPrivateNetworks): WebhookAgents {
  const options = { allowPrivateIPAddress: false, allowMetaIPAddress: false, allowIPAddressList: allowList(allowPrivate), keepAlive: true, maxSockets: 64 };
  return { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
}
