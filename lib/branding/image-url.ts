import { env } from "@/lib/env";

/**
 * Names that never lead to a public host: special-use domains (RFC 6761,
 * RFC 8375, .local from RFC 6762, ICANN's .internal, .alt, .onion) and the
 * private-network suffixes routers and companies use.
 */
const NON_PUBLIC_SUFFIXES = ["localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp", "private", "arpa", "test", "invalid", "example", "onion", "alt"];

// The URL parser has already turned decimal, hex, octal and short IPv4 forms into dotted quads.
const DOTTED_IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;

const rootHost = () => new URL(`http://${env.rootDomain}`).hostname;

/**
 * Checks a logo URL given by name rather than uploaded (seed 000's tenant
 * API): an https URL on the default port, to a named public host, without
 * credentials. Only the text is judged; the name is not resolved. Refusing
 * names that resolve to private addresses is the job of whatever fetches the
 * image, at connect time (nothing fetches these yet: they are stored, never
 * shown — the portal and emails show uploaded images only).
 */
export function checkExternalImageUrl(value: string): { url: string } | { problem: string } {
  if (SPACE_OR_CONTROL.test(value)) return { problem: "The URL may not contain spaces or control characters" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: "Use an absolute https URL such as https://cdn.example.com/logo.png, or upload the image" };
  }
  if (url.protocol !== "https:") return { problem: "Use an https URL" };
  if (url.username || url.password) return { problem: "A URL with a user name or password is not allowed" };
  if (url.port) return { problem: "Use the default https port (no :port in the URL)" };
  const host = url.hostname.replace(/\.$/, "");
  if (host.startsWith("[") || DOTTED_IPV4.test(host)) return { problem: "Use a host name, not an IP address" };
  if (!host.includes(".")) return { problem: "Use a public host name such as cdn.example.com" };
  if (NON_PUBLIC_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`))) return { problem: `${host} is a private or reserved name; use a public host` };
  const root = rootHost();
  if (host === root || host.endsWith(`.${root}`)) return { problem: "Use an image uploaded to this tenant rather than an address of Atrium itself" };
  return { url: url.href };
}
