/**
 * A post-sign-in destination that stays on this site: a path, never another
 * origin. "/.//evil.example" normalises to "//evil.example", so the
 * normalised path is checked again.
 */
export function safeCallbackPath(raw: string | string[] | undefined, fallback = "/tenants"): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return fallback;
  const base = "http://console.invalid";
  try {
    const u = new URL(v, base);
    const path = `${u.pathname}${u.search}`;
    if (u.origin !== base || new URL(path, base).origin !== base || /^\/[/\\]/.test(path)) return fallback;
    if (u.pathname.startsWith("/login") || u.pathname.startsWith("/api/")) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
