"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { getBranding } from "@/lib/branding/get-branding";
import { listBrandingVersions } from "@/lib/branding/list-branding-versions";
import { renderBrandingPreview } from "@/lib/branding/render-branding-preview";
import { revertBranding } from "@/lib/branding/revert-branding";
import { updateBranding } from "@/lib/branding/update-branding";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";

// Server actions of the branding editor, on the console host (platform staff)
// and on a tenant's host (the signed-in member): the actor this host allows,
// then one service call. The services validate, authorise and audit.

const idSchema = z.string().min(1).max(100);
const etagSchema = z.string().max(200).nullable();
const kindSchema = z.enum(["logo", "favicon"]);

export type BrandingRead = Awaited<ReturnType<typeof getBranding>>;
export type BrandingPreview = Awaited<ReturnType<typeof renderBrandingPreview>>;
export type BrandingSaved = Awaited<ReturnType<typeof updateBranding>>;
export type BrandingReverted = Awaited<ReturnType<typeof revertBranding>>;
export type BrandingVersionView = Awaited<ReturnType<typeof listBrandingVersions>>["versions"][number];
export type BrandingAsset = Awaited<ReturnType<typeof uploadBrandingAsset>>["asset"];

export async function getBrandingAction(tenantId: unknown): Promise<ActionResult<BrandingRead>> {
  return runAction({ name: "branding.getBranding", tenantId }, async () => getBranding(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

/** The draft's fields that differ from what is stored; an empty draft shows the stored branding. */
export async function previewBrandingAction(tenantId: unknown, input: unknown): Promise<ActionResult<BrandingPreview>> {
  return runAction({ name: "branding.previewBranding", tenantId }, async () => renderBrandingPreview(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input));
}

/** `ifMatch` is the ETag the editor loaded; a save made elsewhere since then is refused (precondition_failed). */
export async function updateBrandingAction(tenantId: unknown, input: unknown, ifMatch: unknown): Promise<ActionResult<BrandingSaved>> {
  return runAction({ name: "branding.updateBranding", tenantId }, async () => updateBranding(await actionTenantActor(), parseOrThrow(idSchema, tenantId), input, { ifMatch: parseOrThrow(etagSchema, ifMatch) }));
}

export async function listBrandingVersionsAction(tenantId: unknown): Promise<ActionResult<{ versions: BrandingVersionView[] }>> {
  return runAction({ name: "branding.listBrandingVersions", tenantId }, async () => listBrandingVersions(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

export async function revertBrandingAction(tenantId: unknown, version: unknown, ifMatch: unknown): Promise<ActionResult<BrandingReverted>> {
  return runAction({ name: "branding.revertBranding", tenantId }, async () => revertBranding(await actionTenantActor(), parseOrThrow(idSchema, tenantId), version, { ifMatch: parseOrThrow(etagSchema, ifMatch) }));
}

/**
 * Stores an uploaded logo or favicon (the FormData's `file`) and answers with
 * its URL; the branding changes only when the editor saves that URL. The type
 * is decided from the bytes, never from the file's name or declared type.
 */
export async function uploadBrandingAssetAction(tenantId: unknown, kind: unknown, form: FormData): Promise<ActionResult<{ asset: BrandingAsset }>> {
  return runAction({ name: "branding.uploadBrandingAsset", tenantId }, async () => {
    const k = parseOrThrow(kindSchema, kind);
    const file = form instanceof FormData ? form.get("file") : null;
    if (!(file instanceof Blob)) throw new AppError("invalid_request", `${k}: choose an image file`, [{ path: k, message: "Choose an image file" }]);
    const { asset } = await uploadBrandingAsset(await actionTenantActor(), parseOrThrow(idSchema, tenantId), k, new Uint8Array(await file.arrayBuffer()));
    return { asset };
  });
}
