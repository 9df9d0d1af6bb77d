/** Who the header's tools (command palette, notification bell) serve: staff on the console, or a member on a tenant's portal. */
export type HeaderScope =
  | { kind: "console"; permissions: string[] }
  | { kind: "portal"; tenantId: string; tenantSlug: string; permissions: string[] };
