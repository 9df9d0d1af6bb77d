import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

/**
 * Where webhooks may connect (DESIGN.md's SSRF rule): public unicast
 * addresses only, judged on the address DNS answered, at connect time, so a
 * name that resolves to 127.0.0.1 (or is re-pointed after it was saved) is
 * refused too. Loopback, RFC 1918, CGNAT, unique-local, link-local, multicast,
 * unspecified, reserved and IPv4-mapped IPv6 are refused. With
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, loopback, RFC 1918, CGNAT and
 * unique-local become reachable, never link-local (169.254.169.254 is the
 * cloud metadata service) nor the unspecified or mapped forms.
 *
 * (request-filtering-agent does the same job, but its allow list logs a
 * warning for every IPv4 range checked against an IPv6 address and back, on
 * every connection; the rule is small enough to keep here, on ipaddr.js.)
 */
const PRIVATE_WHEN_ALLOWED = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"].map((c) => ipaddr.parseCIDR(c));

export function isAddressAllowed(address: string, allowPrivate = env.webhookAllowPrivateNetworks): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return false;
  }
  if (parsed.range() === "unicast") return true;
  return allowPrivate && PRIVATE_WHEN_ALLOWED.some((range) => range[0].kind() === parsed.kind() && parsed.match(range));
}

const refusal = (address: string, host: string) => Object.assign(new Error(`Connecting to ${address}${host && host !== address ? ` (${host})` : ""} is not allowed: webhooks go to public addresses only`), { code: "EADDRNOTALLOWED" });

type LookupOptions = dns.LookupOptions & { all?: boolean };
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** dns.lookup, answering an error instead of any address the rule refuses. */
function filteringLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, cb: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, options.all ? [] : "");
      const bad = addresses.find((a) => !isAddressAllowed(a.address, allowPrivate));
      if (bad) return cb(refusal(bad.address, hostname), options.all ? [] : "");
      if (options.all) return cb(null, addresses);
      const first = addresses[0];
      cb(null, first.address, first.family);
    });
  };
}

type ConnectOptions = { host?: string; lookup?: unknown };
type CreateConnection = (options: ConnectOptions, cb?: (err: Error | null, socket?: net.Socket) => void) => net.Socket;

function refusedSocket(err: Error, cb?: (err: Error | null, socket?: net.Socket) => void): net.Socket {
  const socket = new net.Socket();
  if (cb) cb(err, socket);
  else process.nextTick(() => socket.destroy(err));
  return socket;
}

/** Wraps an agent's createConnection: address literals are judged directly, names after DNS. */
function filtered<A extends http.Agent>(agent: A, allowPrivate: boolean): A {
  const base = (agent as unknown as { createConnection: CreateConnection }).createConnection.bind(agent);
  const lookup = filteringLookup(allowPrivate);
  (agent as unknown as { createConnection: CreateConnection }).createConnection = (options, cb) => {
    const host = (options.host ?? "").replace(/^\[|\]$/g, "");
    if (net.isIP(host) && !isAddressAllowed(host, allowPrivate)) return refusedSocket(refusal(host, host), cb);
    return base({ ...options, lookup }, cb);
  };
  return agent;
}

export type WebhookAgents = { http: http.Agent; https: https.Agent };

/** Agents enforcing isAddressAllowed at connect time; keep-alive so a busy endpoint reuses its connections. */
export function webhookAgents(allowPrivate = env.webhookAllowPrivateNetworks): WebhookAgents {
  const options = { keepAlive: true, maxSockets: 64 };
  return { http: filtered(new http.Agent(options), allowPrivate), https: filtered(new https.Agent(options), allowPrivate) };
}
