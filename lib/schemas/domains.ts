import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { z } from "zod";
import { customHeaderNameProblem, customHeaderValueProblem, MAX_CUSTOM_HEADERS } from "@/lib/domains/custom-headers";
import { env } from "@/lib/env";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Atrium's own host names: the console's host and everything under it. */
export function rootHostname(): string {
  return env.rootDomain.replace(/:\d+$/, "");
}

/**
 * People paste addresses: `https://example.com/`, `http://example.com/login`,
 * `example.com/`. The host name is what is meant, so scheme, path, query and
 * fragment are dropped; a port or credentials are refused (a domain has neither).
 */
function hostOfPastedAddress(input: string): { ok: true; domain: string } | { ok: false; message: string } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
  if (scheme) {
    if (!/^https?$/i.test(scheme[1])) return { ok: false, message: "Enter a domain name such as portal.example.com, or an http(s) address" };
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      return { ok: false, message: "Enter a valid domain name such as portal.example.com" };
    }
    if (url.username || url.password) return { ok: false, message: "Enter only the domain name, without a user name or password" };
    if (url.port) return { ok: false, message: "Enter only the domain name, without a port" };
    // URL has already converted an internationalised name to ASCII; IPv6 keeps its brackets for the IP check below.
    return { ok: true, domain: url.hostname };
  }
  // A bare name followed by a path ("example.com/" or "example.com/login").
  const slash = input.indexOf("/");
  return { ok: true, domain: slash > 0 && !/[@:]/.test(input.slice(0, slash)) ? input.slice(0, slash) : input };
}

/**
 * A customer's own host name, in ASCII (IDNA) lowercase form, or a reason why not.
 * Refused: IP addresses, localhost, single labels, and Atrium's own names (the
 * root host and its subdomains are tenants' slugs, never a custom domain).
 */
export function normalizeCustomDomain(raw: string): { ok: true; domain: string } | { ok: false; message: string } {
  const host = hostOfPastedAddress(raw.trim());
  if (!host.ok) return host;
  const input = host.domain;
  if (!input) return { ok: false, message: "Enter a domain name such as portal.example.com" };
  if (input.length > 253) return { ok: false, message: "A domain name has at most 253 characters" };
  const bare = input.replace(/^\[|\]$/g, "");
  if (isIP(bare) || isIP(input)) return { ok: false, message: "IP addresses are not allowed; enter a domain name" };
  if (/[/:@?#\s\\[\]]/.test(input)) return { ok: false, message: "Enter only the domain name, without scheme, port or path" };
  const ascii = domainToASCII(input.toLowerCase().replace(/\.$/, ""));
  if (!ascii || ascii.length > 253) return { ok: false, message: "Enter a valid domain name such as portal.example.com" };
  const labels = ascii.split(".");
  if (labels.length < 2) return { ok: false, message: "Enter a fully qualified domain name such as portal.example.com" };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, message: "Each part of a domain name has 1–63 letters, digits or hyphens" };
  // domainToASCII reads "1.2.3.4"-like or numeric names as IPv4; a numeric last label is never a TLD.
  if (/^\d+$/.test(labels[labels.length - 1]) || isIP(ascii)) return { ok: false, message: "IP addresses are not allowed; enter a domain name" };
  if (ascii === "localhost" || ascii.endsWith(".localhost")) return { ok: false, message: "localhost is not allowed" };
  const root = rootHostname();
  if (ascii === root || ascii.endsWith(`.${root}`)) return { ok: false, message: `${root} and its subdomains are Atrium's own` };
  return { ok: true, domain: ascii };
}

export const customDomainSchema = z.string().transform((raw, ctx) => {
  const r = normalizeCustomDomain(raw);
  if (r.ok) return r.domain;
  ctx.addIssue({ code: "custom", message: r.message });
  return z.NEVER;
});

const customHeadersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > MAX_CUSTOM_HEADERS) ctx.addIssue({ code: "custom", message: `At most ${MAX_CUSTOM_HEADERS} custom headers` });
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    const problem = customHeaderNameProblem(name) ?? customHeaderValueProblem(value) ?? (seen.has(name.toLowerCase()) ? `${name} is given twice (header names ignore case)` : null);
    if (problem) ctx.addIssue({ code: "custom", path: [name], message: problem });
    seen.add(name.toLowerCase());
  }
});

const customRoutingSchema = z.strictObject({
  path_prefix: z
    .string()
    .max(100)
    .regex(/^(\/[a-z0-9_-]+)+$/i, "A path prefix looks like /portal")
    .optional(),
  custom_headers: customHeadersSchema.optional(),
});
export type CustomRouting = z.output<typeof customRoutingSchema>;

const domainEntrySchema = z.strictObject({
  domain: customDomainSchema,
  primary: z.boolean().default(false),
  ssl_enabled: z.boolean().default(true),
  // Seed 000: other host names that redirect here. Each is added as a domain of
  // its own (it must be verified too) and, not being primary, redirects to the primary.
  redirects: z.record(customDomainSchema, customDomainSchema).optional(),
  custom_routing: customRoutingSchema.optional(),
});

export const configureDomainsSchema = z
  .strictObject({
    domains: z.array(domainEntrySchema).min(1, "Send at least one domain").max(20),
    routing_rules: z
      .strictObject({ enforce_https: z.boolean().optional(), www_redirect: z.boolean().optional(), ssl_expiration_alerts: z.boolean().optional() })
      .optional(),
  })
  .superRefine((b, ctx) => {
    const primaries = b.domains.flatMap((d, i) => (d.primary ? [i] : []));
    for (const i of primaries.slice(1)) ctx.addIssue({ code: "custom", path: ["domains", i, "primary"], message: "Only one domain can be primary" });
    b.domains.forEach((d, i) => {
      for (const [from, to] of Object.entries(d.redirects ?? {})) {
        if (to !== d.domain || !d.primary) ctx.addIssue({ code: "custom", path: ["domains", i, "redirects", from], message: "Redirects point to this entry's domain, which must be the primary" });
      }
    });
  });
export type ConfigureDomainsInput = z.output<typeof configureDomainsSchema>;

export const testDomainSchema = z.strictObject({
  domain: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .transform((s) => s.toLowerCase()),
  test_paths: z
    .array(z.string().max(2000).regex(/^\/[^\s]*$/, "Paths start with / and contain no spaces"))
    .max(20)
    .default(["/"]),
  expected_tenant_id: z.string().max(64).optional(),
});

export const byDomainQuerySchema = z.strictObject({ domain: z.string().trim().min(1, "Give the domain to resolve").max(253) });

export const domainViewSchema = z.object({
  id: z.string(),
  domain: z.string(),
  primary: z.boolean(),
  status: z.enum(["pending", "verified", "failed"]),
  /** Until when the job re-checks an unverified domain every minute; null once verified or past that window. */
  rechecks_until: z.string().nullable(),
  ssl_enabled: z.boolean(),
  custom_routing: customRoutingSchema.nullable(),
  record_missing: z.boolean(),
  record_missing_since: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  last_error: z.string().nullable(),
  verified_at: z.string().nullable(),
  created_at: z.string(),
  verification: z.object({ type: z.literal("TXT"), host: z.string(), value: z.string() }),
});

// Response shapes, for the OpenAPI document.
const dnsRecordSchema = z.object({ domain: z.string(), type: z.enum(["TXT", "CNAME"]), host: z.string(), value: z.string(), ttl: z.number(), purpose: z.enum(["verification", "routing"]) });
export const configureDomainsResponseSchema = z.object({
  routing_id: z.string(),
  domains_configured: z.number().describe("The request's domains (seed 000); redirect sources are counted in redirects_configured"),
  redirects_configured: z.number(),
  primary_domain: z.string().nullable(),
  ssl_certificates: z.array(z.object({ domain: z.string(), certificate_id: z.null(), expires_at: z.null(), auto_renewal: z.boolean(), status: z.enum(["issued_on_demand", "awaiting_verification"]) })),
  dns_records: z.array(dnsRecordSchema),
  domains: z.array(domainViewSchema),
  redirects: z.array(domainViewSchema.extend({ redirects_to: z.string() })).describe("Redirect sources: each a domain of its own, to verify like any other"),
  routing_rules: z.record(z.string(), z.boolean()).nullable(),
});
export const domainListResponseSchema = z.object({ domains: z.array(domainViewSchema) });
export const domainResponseSchema = z.object({ domain: domainViewSchema });
export const removeDomainResponseSchema = z.object({ id: z.string(), domain: z.string(), removed: z.literal(true) });
export const testDomainResponseSchema = z.object({
  domain: z.string(),
  domain_status: z.object({ id: z.string(), status: z.string(), record_missing: z.boolean(), last_error: z.string().nullable() }).nullable(),
  routing: z.object({ primary_domain: z.boolean(), redirects_to: z.string().nullable(), custom_routing: z.unknown() }).nullable(),
  resolution_tests: z.array(
    z.object({
      path: z.string(),
      status: z.enum(["success", "redirect", "not_found", "error", "console", "not_this_tenant"]),
      http_status: z.number().nullable(),
      action: z.string().nullable(),
      target: z.string().nullable(),
      response_time_ms: z.number(),
      tenant_detected: z.string().nullable(),
    }),
  ),
  overall_status: z.enum(["healthy", "unhealthy"]),
  ssl_certificate: z.null(),
});
export const byDomainResponseSchema = z.object({
  domain: z.string(),
  tenant: z.object({ id: z.string(), name: z.string(), slug: z.string(), schema_name: z.string(), status: z.string() }),
  routing: z.object({ primary_domain: z.boolean(), ssl_enabled: z.boolean(), custom_routing: z.boolean(), redirects_to: z.string().nullable() }),
  branding: z.looseObject({ logo_url: z.string().nullable(), primary_color: z.string().nullable(), company_name: z.string() }),
});
