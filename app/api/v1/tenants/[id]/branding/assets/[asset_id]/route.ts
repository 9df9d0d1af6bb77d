import { withContract } from "@/lib/api-contracts/define-route";
import { getBrandingAsset as contract } from "@/lib/api-contracts/branding";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { getBrandingAsset } from "@/lib/branding/get-branding-asset";
import { normalizeHost, resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Public: a tenant's logo or favicon, from Atrium's own origin. The stored type
 * (taken from the bytes at upload) is the only Content-Type ever sent; nosniff
 * and a CSP that allows nothing keep a browser from treating it as anything but
 * an image. Asset ids are derived from the content, so the answer never changes.
 */
export const GET = withContract<{ id: string; asset_id: string }>(contract, async (req, ctx) => {
  try {
    const { id, asset_id: assetId } = await ctx.params;
    // On a tenant's host, only that tenant's images; the console host serves any tenant's.
    const host = normalizeHost(req.headers.get("host"));
    if (host !== env.rootDomain) {
      const resolution = await resolveHost(host);
      if (resolution.kind !== "tenant" || resolution.tenant.id !== id) throw new AppError("not_found", "No such image");
    }
    const asset = await getBrandingAsset(id, assetId);
    const etag = `"${asset.sha256}"`;
    const headers: Record<string, string> = {
      "Content-Type": asset.contentType,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Content-Disposition": "inline",
      ETag: etag,
    };
    const match = req.headers.get("if-none-match");
    if (match && match.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(asset.bytes), { status: 200, headers: { ...headers, "Content-Length": String(asset.size) } });
  } catch (err) {
    return failure(err);
  }
});
