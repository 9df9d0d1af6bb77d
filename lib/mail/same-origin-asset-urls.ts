// Client-safe: used by the console's Outbox and the branding editors' email preview.

/** An image `src` naming one of Atrium's own branding assets on any host (the mail's absolute URL to the tenant's host). */
const ABSOLUTE_ASSET_SRC = /(\ssrc=")https?:\/\/[^"/\s]+(\/api\/v1\/tenants\/[A-Za-z0-9_-]{1,64}\/branding\/assets\/(?:logo|favicon)_[0-9a-f]{32})"/g;

/**
 * Mail HTML for display inside Atrium: a mail needs absolute image URLs (on
 * the tenant's host), but a page shows it in a sandboxed srcdoc frame, which
 * inherits the page's Content-Security-Policy (`img-src 'self'`), so another
 * host's image would be refused. Atrium's own assets are served on every one
 * of its hosts, so their URLs become same-origin paths; nothing else changes.
 */
export function sameOriginAssetUrls(html: string): string {
  return html.replace(ABSOLUTE_ASSET_SRC, '$1$2"');
}
