"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { unwrapAction } from "@/components/members/use-member-mutation";
import { BrandingPreviews } from "@/components/branding/branding-previews";
import { BrandingVersionsCard } from "@/components/branding/branding-versions-card";
import { brandingKeys, colourErrors, draftChanges, draftFromBranding, type Draft, type DraftField } from "@/components/branding/branding-draft";
import { ColourField } from "@/components/branding/colour-field";
import { ImageUploadField } from "@/components/branding/image-upload-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Field, Input, controlClasses } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Toast, useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { useActionMutation } from "@/lib/query/use-action-mutation";
import { DEFAULT_PRIMARY, DEFAULT_SECONDARY, hexOr } from "@/lib/branding/portal-preview-document";
import { getBrandingAction, previewBrandingAction, revertBrandingAction, updateBrandingAction, type BrandingPreview, type BrandingRead } from "@/lib/actions/branding-actions";
import type { ActionFailure } from "@/lib/actions/action-result";

const PREVIEW_DEBOUNCE_MS = 300;

type Props = {
  tenantId: string;
  /** False for staff who may only look (the form is shown disabled, without Save, uploads or Revert). */
  editable: boolean;
  readOnlyReason?: string;
  /** Told the tenant's new ETag after a save or revert (branding is part of the tenant; the console's other tabs need it). */
  onSaved?: (etag: string, message: string) => void;
};

/**
 * The branding editor of the tenant portal and of the console's tenant page:
 * the form, a live preview of the portal and of the invitation email side by
 * side, and the version history with one-click revert.
 */
export function BrandingEditor({ tenantId, editable, readOnlyReason, onSaved }: Props) {
  const [toast, setToast] = useToast();
  // Always re-read on mount: the ETag changes with any edit of the tenant (the console's other tabs too).
  const branding = useQuery({ queryKey: brandingKeys.detail(tenantId), queryFn: () => unwrapAction(getBrandingAction(tenantId)), staleTime: 0 });
  const notify = (etag: string, message: string) => (onSaved ? onSaved(etag, message) : setToast(message));

  return (
    <div>
      {branding.isError && !branding.data ? (
        <Alert tone="danger" title="Could not load the branding" actions={<Button size="sm" variant="secondary" onClick={() => branding.refetch()}>Retry</Button>}>
          {branding.error.message}
        </Alert>
      ) : !branding.data ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Skeleton className="h-[560px] w-full" />
          <Skeleton className="h-[560px] w-full" />
        </div>
      ) : (
        // A new ETag (our save, a revert, a reload) starts the form again from what is stored.
        <BrandingForm
          key={branding.data.etag}
          tenantId={tenantId}
          loaded={branding.data}
          editable={editable}
          readOnlyReason={readOnlyReason}
          reloading={branding.isFetching}
          onReload={() => branding.refetch()}
          onSaved={notify}
        />
      )}
      <Toast message={toast} />
    </div>
  );
}

function BrandingForm({
  tenantId,
  loaded,
  editable,
  readOnlyReason,
  reloading,
  onReload,
  onSaved,
}: {
  tenantId: string;
  loaded: BrandingRead;
  editable: boolean;
  readOnlyReason?: string;
  reloading: boolean;
  onReload: () => void;
  onSaved: (etag: string, message: string) => void;
}) {
  const queryClient = useQueryClient();
  const base = useMemo(() => draftFromBranding(loaded.branding), [loaded]);
  const [draft, setDraft] = useState<Draft>(base);
  const set = (field: DraftField) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const changes = useMemo(() => draftChanges(draft, base), [draft, base]);
  const dirty = Object.keys(changes).length > 0;
  const localErrors = colourErrors(draft);
  const preview = useDebouncedPreview(tenantId, changes, localErrors);

  const save = useActionMutation(brandingKeys.tenant(tenantId));
  const revert = useActionMutation(brandingKeys.tenant(tenantId));
  const adopt = (r: { branding: BrandingRead["branding"]; version: number | null; etag: string }, message: string) => {
    queryClient.setQueryData<BrandingRead>(brandingKeys.detail(tenantId), { branding: r.branding, version: r.version, etag: r.etag });
    onSaved(r.etag, message);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!dirty || !editable) return;
    save.run(
      () => updateBrandingAction(tenantId, changes, loaded.etag),
      (r) => adopt(r, r.changed ? `Branding saved as version ${r.version}` : "Nothing to save: the branding is unchanged"),
    );
  };

  const errors: Partial<Record<string, string>> = { ...preview.failure?.fieldErrors, ...save.failure?.fieldErrors, ...localErrors };
  const warningFor = (field: string) => preview.data?.warnings.find((w) => w.field === field)?.message;
  const stale = save.failure?.code === "precondition_failed" || revert.failure?.code === "precondition_failed";
  const disabled = !editable;

  // The portal preview takes colours, name and logo straight from the draft (colours only when the server would take them)
  // and the CSS only from the server's sanitised result.
  const portal = {
    company_name: draft.company_name.trim() || (preview.data?.branding.company_name ?? loaded.branding.company_name),
    // A refused primary (no readable text on it) is not previewed: the stored one stays until the draft has a usable colour.
    primary_color: hexOr(localErrors.primary_color ? base.primary_color : draft.primary_color.trim(), DEFAULT_PRIMARY),
    secondary_color: hexOr(draft.secondary_color.trim(), DEFAULT_SECONDARY),
    logo_url: draft.logo_url || null,
    custom_css: preview.data ? preview.data.branding.custom_css : loaded.branding.custom_css,
  };

  return (
    <div className="grid items-start gap-6 lg:grid-cols-2">
      <div className="min-w-0 space-y-6">
        {!editable && readOnlyReason ? <Alert tone="info">{readOnlyReason}</Alert> : null}
        {stale ? (
          <Alert
            tone="warning"
            title="Changed elsewhere"
            actions={
              <Button size="sm" variant="secondary" loading={reloading} onClick={onReload}>
                Reload
              </Button>
            }
          >
            This branding was changed elsewhere since you opened the editor, so your changes were not saved. Reload to see the current branding (your unsaved changes will be lost).
          </Alert>
        ) : null}
        <form onSubmit={onSubmit} noValidate aria-label="Branding">
          <Card>
            <CardHeader title="Branding" description="How the portal, its sign-in page and its emails look. Nothing changes for members until you save." />
            <CardBody className="space-y-5">
              <Field id="branding-company-name" label="Company name" hint="Shown in the portal header, its title and emails." error={errors.company_name}>
                {(a11y) => <Input {...a11y} value={draft.company_name} onChange={(e) => set("company_name")(e.target.value)} maxLength={120} disabled={disabled} autoComplete="off" />}
              </Field>
              <div className="grid gap-5 sm:grid-cols-2">
                <ColourField id="branding-primary" label="Primary colour" pickerLabel="Pick the main brand colour" value={draft.primary_color} fallback={DEFAULT_PRIMARY} onChange={set("primary_color")} error={errors.primary_color} warning={warningFor("primary_color")} disabled={disabled} />
                <ColourField id="branding-secondary" label="Secondary colour" pickerLabel="Pick the accent brand colour" value={draft.secondary_color} fallback={DEFAULT_SECONDARY} onChange={set("secondary_color")} error={errors.secondary_color} warning={warningFor("secondary_color")} disabled={disabled} />
              </div>
              <ImageUploadField tenantId={tenantId} kind="logo" label="Logo" hint="PNG, JPEG or WebP; at most 512 KB and 2048×2048 pixels. Shown in the portal header and emails." value={draft.logo_url} onChange={set("logo_url")} error={errors.logo_url} disabled={disabled} />
              <ImageUploadField tenantId={tenantId} kind="favicon" label="Favicon" hint="PNG, JPEG or WebP; at most 128 KB and 512×512 pixels. The icon in the browser tab." value={draft.favicon_url} onChange={set("favicon_url")} error={errors.favicon_url} disabled={disabled} />
              <TextArea id="branding-email-header" label="Email header" hint="Plain text above every email's content." value={draft.email_header} onChange={set("email_header")} error={errors.email_header} disabled={disabled} />
              <TextArea id="branding-email-footer" label="Email footer" hint="Plain text under every email, such as your address." value={draft.email_footer} onChange={set("email_footer")} error={errors.email_footer} disabled={disabled} />
              <div className="grid gap-5 sm:grid-cols-2">
                <Field id="branding-support-email" label="Support email" optional hint="Shown where members get stuck (suspended portal, used invitation, missing page). Empty uses the platform's contact." error={errors.support_email}>
                  {(a11y) => <Input {...a11y} type="email" value={draft.support_email} onChange={(e) => set("support_email")(e.target.value)} maxLength={254} disabled={disabled} autoComplete="off" placeholder="help@example.com" />}
                </Field>
                <Field id="branding-support-url" label="Support page" optional hint="An https:// address, shown beside the email. Empty uses the platform's contact." error={errors.support_url}>
                  {(a11y) => <Input {...a11y} type="url" value={draft.support_url} onChange={(e) => set("support_url")(e.target.value)} maxLength={2048} disabled={disabled} autoComplete="off" placeholder="https://help.example.com" />}
                </Field>
              </div>
              <div>
                <TextArea
                  id="branding-custom-css"
                  label="Custom CSS"
                  hint="Plain style rules for the portal: colours, fonts, borders, spacing. At-rules, url() and selectors outside the portal are removed."
                  value={draft.custom_css}
                  onChange={set("custom_css")}
                  error={errors.custom_css}
                  disabled={disabled}
                  mono
                  rows={8}
                />
                <CssRemovedList removed={preview.data?.css_removed ?? []} />
              </div>
            </CardBody>
            {editable ? (
              <CardFooter>
                {save.failure && !stale && Object.keys(save.failure.fieldErrors).length === 0 ? <p className="mr-auto text-[13px] text-red-600">{save.failure.message}</p> : null}
                {dirty ? <span className="mr-auto text-xs text-slate-500">Unsaved changes</span> : null}
                <Button variant="secondary" disabled={!dirty || save.pending} onClick={() => setDraft(base)}>
                  Discard
                </Button>
                <Button type="submit" loading={save.pending} disabled={!dirty || stale}>
                  Save
                </Button>
              </CardFooter>
            ) : null}
          </Card>
        </form>
        <BrandingVersionsCard
          tenantId={tenantId}
          canRevert={editable}
          hasUnsavedChanges={dirty}
          reverting={revert.pending}
          revertFailure={revert.failure}
          onRevert={(version, done) =>
            revert.run(
              () => revertBrandingAction(tenantId, version, loaded.etag),
              (r) => {
                done();
                adopt(r, r.changed ? `Reverted to version ${version} (saved as version ${r.version})` : `Version ${version} is already the current branding`);
              },
            )
          }
        />
      </div>
      <div className="min-w-0 lg:sticky lg:top-6">
        {preview.failure && Object.keys(preview.failure.fieldErrors).length === 0 ? (
          <Alert tone="warning" className="mb-4" title="The preview could not be updated">
            {preview.failure.message}
          </Alert>
        ) : null}
        <BrandingPreviews portal={portal} emailHtml={preview.data?.email.html ?? null} emailSubject={preview.data?.email.subject ?? null} updating={preview.updating} />
      </div>
    </div>
  );
}

/**
 * previewBranding for the draft's changes, ~300 ms after the last keystroke.
 * A refused draft (say CSS with `<`) keeps the last good preview and reports
 * its field errors; colours that are not hex yet are left out.
 */
function useDebouncedPreview(tenantId: string, changes: Record<string, string | null>, skip: Partial<Record<string, string>>) {
  const input = JSON.stringify(Object.fromEntries(Object.entries(changes).filter(([f]) => !skip[f])));
  const [state, setState] = useState<{ input: string | null; data: BrandingPreview | null; failure: ActionFailure | null }>({ input: null, data: null, failure: null });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      try {
        const r = await previewBrandingAction(tenantId, JSON.parse(input));
        if (cancelled) return;
        setState((s) => (r.ok ? { input, data: r.data, failure: null } : { input, data: s.data, failure: { code: r.code, message: r.message, fieldErrors: r.fieldErrors } }));
      } catch {
        if (!cancelled) setState((s) => ({ ...s, input, failure: { code: "network_error", message: "The preview could not reach the server", fieldErrors: {} } }));
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [tenantId, input]);
  return { data: state.data, failure: state.failure, updating: state.input !== input };
}

function TextArea({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  disabled,
  mono,
  rows = 3,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  disabled?: boolean;
  mono?: boolean;
  rows?: number;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(a11y) => (
        <textarea
          id={a11y.id}
          aria-describedby={a11y["aria-describedby"]}
          aria-invalid={a11y.invalid || undefined}
          value={value}
          rows={rows}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
          spellCheck={mono ? false : undefined}
          className={cn(controlClasses(a11y.invalid), "min-h-16 resize-y", mono && "font-mono text-[13px] leading-5")}
        />
      )}
    </Field>
  );
}

/** What the sanitizer took out of the draft's CSS, under the textarea, so nothing disappears silently. */
function CssRemovedList({ removed }: { removed: BrandingPreview["css_removed"] }) {
  if (removed.length === 0) return null;
  return (
    <div data-testid="css-removed" role="status" className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
      <p className="font-medium">Removed when saved ({removed.length}):</p>
      <ul className="mt-1 space-y-1">
        {removed.map((r, i) => (
          <li key={i} className="break-words">
            Removed: <code className="rounded bg-white/70 px-1 font-mono">{r.what}</code> — {r.reason}
            {r.line ? <span className="text-amber-700"> (line {r.line})</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
