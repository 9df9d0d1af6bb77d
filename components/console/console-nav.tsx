"use client";

import { ResponsiveNav } from "@/components/ui/nav-drawer";
import type { PlatformPermission } from "@/lib/auth/permissions";

// A link with a permission shows only to staff who hold it (the page checks again).
const LINKS: { href: string; label: string; permission?: PlatformPermission }[] = [
  { href: "/tenants", label: "Tenants" },
  { href: "/templates", label: "Templates", permission: "tenants:read" },
  { href: "/analytics", label: "Analytics", permission: "tenants:read" },
  { href: "/plans", label: "Plans", permission: "tenants:read" },
  { href: "/users", label: "Users" },
  { href: "/api-keys", label: "API keys" },
  { href: "/audit", label: "Audit" },
  { href: "/security", label: "Security", permission: "security:read" },
  { href: "/webhooks", label: "Webhooks", permission: "webhooks:manage" },
  { href: "/migrations", label: "Migrations", permission: "data:migrate" },
  { href: "/broadcasts", label: "Broadcasts", permission: "tenants:read" },
  { href: "/outbox", label: "Outbox" },
];

export function ConsoleNav({ permissions }: { permissions: readonly PlatformPermission[] }) {
  const links = LINKS.filter((l) => !l.permission || permissions.includes(l.permission)).map(({ href, label }) => ({ href, label }));
  // Twelve sections do not fit beside the logo and the header's tools: from lg up they take a row of their own, below it a drawer.
  return <ResponsiveNav label="Console" title="Atrium" links={links} breakpoint="lg" ownRow />;
}

/** The pages these staff may open, by the navigation's own list and rule: the command palette offers them. */
export const visibleConsoleLinks = (permissions: readonly string[]) => LINKS.filter((l) => !l.permission || permissions.includes(l.permission)).map(({ href, label }) => ({ href, label }));
