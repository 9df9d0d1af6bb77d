"use client";

import { useMemo } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/button";
import { portalPreviewDocument, type PreviewBranding } from "@/lib/branding/portal-preview-document";
import { sameOriginAssetUrls } from "@/lib/mail/same-origin-asset-urls";

/**
 * The portal and the invitation email as the draft would make them, each in a
 * sandboxed iframe (`sandbox=""`: no script, no forms, an opaque origin), so
 * nothing in the preview can reach this page. The portal's CSS is the
 * sanitised text the server returned, never the editor's raw input.
 */
export function BrandingPreviews({ portal, emailHtml, emailSubject, updating }: { portal: PreviewBranding; emailHtml: string | null; emailSubject: string | null; updating: boolean }) {
  const portalDoc = useMemo(() => portalPreviewDocument(portal), [portal]);
  // The frame inherits this page's policy (same-origin images only): the mail's logo URL on the tenant's host becomes a path here.
  const emailDoc = useMemo(() => (emailHtml === null ? null : sameOriginAssetUrls(emailHtml)), [emailHtml]);
  const status = updating ? (
    <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" role="status">
      <Spinner className="size-3.5" /> Updating…
    </span>
  ) : null;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title="Portal preview" description="The portal's home page with these settings, before saving." actions={status} />
        <iframe title="Portal preview" sandbox="" srcDoc={portalDoc} data-testid="portal-preview" className="block h-[380px] w-full rounded-b-lg bg-white" />
      </Card>
      <Card>
        <CardHeader title="Invitation email" description={emailSubject ? <>Subject: {emailSubject}</> : "The invitation a new member receives, with sample data."} />
        {emailDoc !== null ? (
          <iframe title="Invitation email preview" sandbox="" srcDoc={emailDoc} data-testid="email-preview" className="block h-[460px] w-full rounded-b-lg bg-slate-50" />
        ) : (
          <div className="grid h-[460px] place-items-center text-[13px] text-slate-500">Rendering…</div>
        )}
      </Card>
    </div>
  );
}
