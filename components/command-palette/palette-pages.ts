import { visibleConsoleLinks } from "@/components/console/console-nav";
import type { HeaderScope } from "@/components/header/header-scope";
import { visibleSections } from "@/lib/portal/portal-sections";
import type { TenantPermission } from "@/lib/tenant-access/permissions";

/** Every page of the navigation this caller may open (the nav lists themselves, so new sections appear here too). */
export function palettePages(scope: HeaderScope): { href: string; label: string }[] {
  const sections = scope.kind === "console" ? visibleConsoleLinks(scope.permissions) : visibleSections(new Set(scope.permissions as TenantPermission[])).map(({ href, label }) => ({ href, label }));
  return [...sections, { href: "/account", label: "Your account" }];
}
