"use client";

import { ResponsiveNav } from "@/components/ui/nav-drawer";

const LINKS = [
  { href: "/tenants", label: "Tenants" },
  { href: "/users", label: "Users" },
  { href: "/api-keys", label: "API keys" },
  { href: "/audit", label: "Audit" },
  { href: "/outbox", label: "Outbox" },
];

export function ConsoleNav() {
  return <ResponsiveNav label="Console" title="Atrium" links={LINKS} breakpoint="md" />;
}
