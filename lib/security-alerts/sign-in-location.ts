import Bowser from "bowser";
import ipaddr from "ipaddr.js";

/**
 * The network an address belongs to for "a new place": its /24 (IPv4) or /64
 * (IPv6), so a home router's changing last octet or a phone's rotating
 * privacy address is not news, while another ISP or country is.
 */
export function networkOf(ip: string | null): string {
  if (!ip || !ipaddr.isValid(ip)) return "unknown";
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (addr.kind() === "ipv4") return `${(addr as ipaddr.IPv4).octets.slice(0, 3).join(".")}.0/24`;
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4);
  return `${ipaddr.fromByteArray([...parts.flatMap((p) => [p >> 8, p & 0xff]), ...new Array(8).fill(0)]).toString()}/64`;
}

/** "Chrome on macOS": the browser family and OS, without versions (an update is not a new device). */
export function agentOf(userAgent: string | null): string {
  if (!userAgent) return "unknown";
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ?? "Unknown browser";
  return parsed.os.name ? `${browser} on ${parsed.os.name}` : browser;
}
