"use client";

import { useState, useTransition, type ChangeEvent } from "react";
import { Button, Spinner } from "@/components/ui/button";
import { FieldError } from "@/components/ui/input";
import { uploadBrandingAssetAction } from "@/lib/actions/branding-actions";

/** Only to explain a refusal better: the server refused it from its bytes, whatever its name. */
const isSvg = (file: File) => file.type === "image/svg+xml" || /\.svgz?$/i.test(file.name);

// Next refuses server-action bodies over 1 MB before the action runs; say so here instead of failing blindly.
const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * A logo or favicon: choosing a file uploads it at once (the server types it
 * from its bytes and checks its size), and the returned URL goes into the
 * draft; the branding itself changes only when the editor saves.
 */
export function ImageUploadField({
  tenantId,
  kind,
  label,
  hint,
  value,
  onChange,
  error,
  disabled,
}: {
  tenantId: string;
  kind: "logo" | "favicon";
  label: string;
  hint: string;
  value: string;
  onChange: (url: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = `branding-${kind}`;
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const shownError = uploadError ?? error;

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setUploadError(null);
    if (file.size > ACTION_BODY_LIMIT) {
      setUploadError(`The file is ${Math.round(file.size / 1024)} KB; choose a smaller image`);
      input.value = "";
      return;
    }
    const form = new FormData();
    form.set("file", file);
    startTransition(async () => {
      try {
        const r = await uploadBrandingAssetAction(tenantId, kind, form);
        if (r.ok) onChange(r.data.asset.url);
        else setUploadError(`${isSvg(file) ? "SVG is not allowed (it can carry script). " : ""}${r.fieldErrors[kind] ?? r.message}`);
      } catch {
        setUploadError("The upload did not reach the server; try again");
      } finally {
        // So choosing the same file again uploads it again.
        input.value = "";
      }
    });
  };

  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1.5 block text-[13px] font-medium text-slate-700">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <div className="grid size-14 shrink-0 place-items-center overflow-hidden rounded-md border border-slate-200 bg-[repeating-conic-gradient(#f1f5f9_0_25%,#fff_0_50%)] bg-[length:12px_12px]">
          {value ? (
            // eslint-disable-next-line @next/next/no-img-element -- an uploaded asset served by our own route, not a static image
            <img src={value} alt={`Current ${kind}`} data-testid={`branding-${kind}-image`} className="max-h-full max-w-full object-contain" />
          ) : (
            <span className="text-[11px] text-slate-500">None</span>
          )}
        </div>
        <input
          id={id}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          onChange={onFile}
          disabled={disabled || pending}
          aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ""}`}
          aria-invalid={shownError ? true : undefined}
          className="min-w-0 text-[13px] text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-white file:px-3 file:py-1.5 file:text-[13px] file:font-medium file:text-slate-700 file:shadow-sm file:ring-1 file:ring-slate-300 file:ring-inset hover:file:bg-slate-50 disabled:opacity-60"
        />
        {pending ? (
          <span className="inline-flex items-center gap-1.5 text-xs text-slate-500" role="status">
            <Spinner className="size-3.5" /> Uploading…
          </span>
        ) : null}
        {value && !disabled ? (
          <Button size="sm" variant="ghost" onClick={() => onChange("")}>
            Remove
          </Button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500">
        {hint}
      </p>
      <FieldError id={`${id}-error`} message={shownError ?? undefined} />
    </div>
  );
}
