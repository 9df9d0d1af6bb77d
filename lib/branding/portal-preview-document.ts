import { brandPalette } from "@/lib/branding/brand-colours";
import { escapeHtml } from "@/lib/mail/escape-html";
import { ASSET_PATH } from "@/lib/schemas/branding";

// Shared by the portal layout and the editor's preview (client-safe: no server imports).

/** sanitize-css's PORTAL_ROOT_CLASS, repeated so the browser bundle does not pull in css-tree (a unit test keeps them equal). */
export const PORTAL_ROOT_CLASS = "portal-root";

export const DEFAULT_PRIMARY = "#4f46e5";
export const DEFAULT_SECONDARY = "#64748b";
const HEX = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;

export const hexOr = (value: unknown, fallback: string): string => (typeof value === "string" && HEX.test(value) ? value : fallback);

/** An uploaded image's path, or null for anything that is not one of Atrium's asset URLs. */
export const assetUrlOrNull = (value: unknown): string | null => (typeof value === "string" && ASSET_PATH.test(value) ? value : null);

/**
 * Stored custom CSS as the text of a <style> element. The sanitizer already
 * refuses `<`, so this changes nothing today; it is here so that a future slip
 * there still cannot close the element (`\3c ` is `<` to CSS, inert to HTML).
 */
export function styleElementText(css: string | null | undefined): string {
  return (css ?? "").replace(/</g, "\\3c ");
}

/**
 * The stored CSS with the `.portal-root ` prefix the sanitizer added taken off
 * each selector again, so the editor shows what the tenant wrote and saving it
 * does not scope it twice. The stored text is css-tree's output: one rule per
 * line, selectors separated by commas.
 */
export function unscopeCustomCss(css: string | null | undefined): string {
  if (!css) return "";
  const prefix = `.${PORTAL_ROOT_CLASS} `;
  return css
    .split("\n")
    .map((rule) => {
      const brace = rule.indexOf("{");
      if (brace < 0) return rule;
      const selectors = rule.slice(0, brace).replace(new RegExp(`(^|,)${prefix.replace(".", "\\.")}`, "g"), "$1");
      return selectors + rule.slice(brace);
    })
    .join("\n");
}

export type PreviewBranding = { company_name: string; primary_color: string | null; secondary_color: string | null; logo_url: string | null; custom_css: string | null };

/**
 * A small static copy of the portal shell, for a sandboxed iframe's srcdoc: the
 * draft's colours as the portal's CSS variables, the logo or letter tile, and
 * the SANITISED custom CSS (from previewBranding, never the editor's raw text).
 * Every interpolated value is escaped or allowlisted.
 */
export function portalPreviewDocument(b: PreviewBranding, nav: readonly string[] = ["Overview", "Members", "Roles", "Branding"]): string {
  const p = brandPalette(hexOr(b.primary_color, DEFAULT_PRIMARY), hexOr(b.secondary_color, DEFAULT_SECONDARY));
  const company = escapeHtml(b.company_name);
  const logo = assetUrlOrNull(b.logo_url);
  const mark = logo ? `<img class="portal-logo" src="${escapeHtml(logo)}" alt="${company}">` : `<span class="portal-tile" aria-hidden="true">${escapeHtml(b.company_name.slice(0, 1).toUpperCase())}</span>`;
  const links = nav.map((label, i) => `<a href="#"${i === 0 ? ' aria-current="page"' : ""}>${escapeHtml(label)}</a>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal preview</title>
<style>
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#0f172a;background:#fff}
.portal-root{--portal-primary:${p.primary};--portal-on-primary:${p.onPrimary};--portal-secondary:${p.secondary};--portal-secondary-text:${p.secondaryText};min-height:100vh;display:flex;flex-direction:column}
.portal-header{border-top:4px solid var(--portal-primary);border-bottom:1px solid #e2e8f0;display:flex;align-items:center;gap:16px;padding:0 16px;height:56px}
.portal-brand{display:flex;align-items:center;gap:10px;font-weight:600;font-size:15px;color:#0f172a;text-decoration:none}
.portal-tile{display:grid;place-items:center;width:32px;height:32px;border-radius:8px;background:var(--portal-primary);color:var(--portal-on-primary);font-size:13px}
.portal-logo{height:32px;width:auto;max-width:140px;object-fit:contain}
.portal-nav{display:flex;gap:4px;overflow:hidden}
.portal-nav a{padding:6px 10px;border-radius:6px;color:#475569;text-decoration:none;font-size:13px;white-space:nowrap}
.portal-nav a[aria-current]{background:${p.tint50};color:${p.ink};font-weight:500}
main{flex:1;padding:28px 20px}
.eyebrow{margin:0;font-size:13px;font-weight:500;color:var(--portal-secondary-text)}
h1{margin:6px 0 8px;font-size:24px;letter-spacing:-0.01em}
p{margin:0 0 20px;color:#475569;max-width:36rem}
.actions{display:flex;gap:12px;align-items:center;margin-bottom:24px}
.button{border:0;border-radius:8px;padding:8px 16px;font:inherit;font-weight:500;color:var(--portal-on-primary);background:var(--portal-primary)}
.link{color:var(--portal-secondary-text);font-weight:500}
.card{border:1px solid #e2e8f0;border-radius:12px;padding:16px 18px;max-width:22rem}
.card h2{margin:0 0 4px;font-size:15px}
.card p{margin:0;font-size:13px;color:#64748b}
footer{border-top:1px solid #f1f5f9;padding:14px;text-align:center;font-size:12px;color:#94a3b8}
</style>
<style>${styleElementText(b.custom_css)}</style>
</head><body><div class="${PORTAL_ROOT_CLASS}">
<header class="portal-header"><a class="portal-brand" href="#">${mark}<span>${company}</span></a><nav class="portal-nav" aria-label="Portal">${links}</nav></header>
<main><p class="eyebrow">Welcome</p><h1>${company}</h1><p>This is the self-service portal of ${company}. Members, roles and API keys are managed here.</p>
<div class="actions"><button class="button" type="button">Invite members</button><a class="link" href="#">View roles</a></div>
<div class="card"><h2>Members</h2><p>Who belongs here, their roles, and open invitations</p></div></main>
<footer>Powered by Atrium</footer>
</div></body></html>`;
}
