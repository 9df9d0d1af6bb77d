import ipaddr from "ipaddr.js";

/** An address as ipaddr.js sees it; IPv4-mapped IPv6 (::ffff:1.2.3.4, what dual-stack sockets report) as IPv4. */
function parseAddress(ip: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (!ipaddr.isValid(ip)) return null;
  const a = ipaddr.parse(ip);
  return a.kind() === "ipv6" && (a as ipaddr.IPv6).isIPv4MappedAddress() ? (a as ipaddr.IPv6).toIPv4Address() : a;
}

/**
 * A CIDR as stored: network address and prefix ("10.1.2.3/8" → "10.0.0.0/8");
 * a bare address is a single host (/32 or /128). null when it is not one.
 */
export function normaliseCidr(entry: string): string | null {
  const text = entry.trim();
  try {
    if (!text.includes("/")) {
      const a = parseAddress(text);
      return a ? `${a.toString()}/${a.kind() === "ipv4" ? 32 : 128}` : null;
    }
    if (!ipaddr.isValidCIDR(text)) return null;
    const [addr, prefix] = ipaddr.parseCIDR(text);
    const network = addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
    return `${network.toString()}/${prefix}`;
  } catch {
    return null;
  }
}

/** Whether `ip` is inside one of the CIDRs. An empty list allows everyone; an unknown address (null) nothing else. */
export function ipInAllowlist(allowlist: readonly string[], ip: string | null): boolean {
  if (allowlist.length === 0) return true;
  const address = ip ? parseAddress(ip) : null;
  if (!address) return false;
  return allowlist.some((cidr) => {
    try {
      const range = ipaddr.parseCIDR(cidr);
      return range[0].kind() === address.kind() && address.match(range);
    } catch {
      return false;
    }
  });
}
