"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";

type Imported = { tenant: { id: string; name: string; slug: string }; members_linked: number; members_invited: number; tables: { name: string; rows: number }[]; skipped: { entity: string; count: number; reason: string }[] };
type Failure = { message: string; details: { path: string; message: string }[] };

const plural = (n: number, noun: string) => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;

/** Sends the archive as the raw body (it is streamed to disk on the server, never parsed as a form). */
async function uploadArchive(file: File, slug: string, name: string): Promise<{ ok: true; data: Imported } | { ok: false; failure: Failure }> {
  const query = new URLSearchParams({ slug, ...(name.trim() ? { name: name.trim() } : {}) });
  try {
    const res = await fetch(`/api/v1/tenants/import?${query}`, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/gzip", Accept: "application/json" }, body: file });
    const json = (await res.json().catch(() => null)) as { status?: string; data?: Imported; error?: { message?: string; details?: unknown } } | null;
    if (res.ok && json?.status === "success" && json.data) return { ok: true, data: json.data };
    const details = Array.isArray(json?.error?.details) ? (json.error.details as Failure["details"]) : [];
    return { ok: false, failure: { message: json?.error?.message ?? `Import failed (${res.status})`, details } };
  } catch {
    return { ok: false, failure: { message: "Could not reach the server; check your connection and try again.", details: [] } };
  }
}

/** "Import tenant" on the tenants list: an export archive, a new slug and optionally a name → the new tenant, or every conflict found. */
export function ImportTenantButton() {
  const router = useRouter();
  const formId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();

  const close = () => {
    setOpen(false);
    setFailure(null);
    setDone(null);
    setFileError(undefined);
  };

  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setFileError("Choose an export archive (.tar.gz)");
      return;
    }
    setFileError(undefined);
    setPending(true);
    setFailure(null);
    const r = await uploadArchive(file, String(data.get("slug") ?? ""), String(data.get("name") ?? ""));
    setPending(false);
    if (!r.ok) return setFailure(r.failure);
    setDone(r.data);
    router.refresh();
  };

  const slugError = failure?.details.find((d) => d.path === "slug")?.message;
  const otherProblems = failure?.details.filter((d) => d.path !== "slug") ?? [];

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Import tenant
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Import a tenant"
        description="Create a new tenant from an export archive. The archive is verified and every conflict is listed before anything is created."
        footer={
          done ? (
            <>
              <Button variant="secondary" onClick={close}>
                Close
              </Button>
              <Link href={`/tenants/${done.tenant.id}`} className={buttonClasses("primary")}>
                Open {done.tenant.name}
              </Link>
            </>
          ) : (
            <>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" form={formId} loading={pending}>
                Import
              </Button>
            </>
          )
        }
      >
        {done ? (
          <div className="space-y-3 text-sm">
            <Alert tone="success" title={`${done.tenant.name} was created`}>
              Slug <span className="font-mono">{done.tenant.slug}</span>: {plural(done.tables.reduce((n, t) => n + t.rows, 0), "row")} in {plural(done.tables.length, "table")};{" "}
              {plural(done.members_linked, "member")} linked to existing accounts, {done.members_invited} invited (pending invitations, not emailed).
            </Alert>
            {done.skipped.length ? (
              <div>
                <h3 className="text-[13px] font-medium text-slate-800">Not imported</h3>
                <ul className="mt-1 list-disc space-y-1 pl-5 text-[13px] text-slate-600">
                  {done.skipped.map((s) => (
                    <li key={s.entity}>{s.reason}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
        ) : (
          <form
            id={formId}
            noValidate
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              void submit(e.currentTarget);
            }}
          >
            {/* A conflict on the slug alone is shown at the field; everything else (archive faults, domains, migrations) is listed here. */}
            {failure && (otherProblems.length || !slugError) ? (
              <Alert tone="danger" title={otherProblems.length > 1 ? `${otherProblems.length} problems` : "The archive was not imported"}>
                {otherProblems.length ? (
                  <ul className="list-disc space-y-1 pl-4">
                    {otherProblems.map((d) => (
                      <li key={`${d.path}:${d.message}`}>
                        <span className="font-mono">{d.path}</span>: {d.message}
                      </li>
                    ))}
                  </ul>
                ) : (
                  failure.message
                )}
              </Alert>
            ) : null}
            <Field id={`${formId}-file`} label="Export archive" hint="The .tar.gz downloaded from a tenant's Export data." error={fileError}>
              {(a11y) => (
                <input
                  ref={fileRef}
                  type="file"
                  name="archive"
                  accept=".gz,.tgz,application/gzip"
                  id={a11y.id}
                  aria-describedby={a11y["aria-describedby"]}
                  aria-invalid={a11y.invalid || undefined}
                  className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
                />
              )}
            </Field>
            <Field id={`${formId}-slug`} label="Slug" hint="The new tenant's subdomain; must be free." error={slugError}>
              {(a11y) => <Input {...a11y} name="slug" required autoComplete="off" spellCheck={false} pattern="[a-z0-9-]+" />}
            </Field>
            <Field id={`${formId}-name`} label="Name" optional hint="Leave empty to keep the exported tenant's name.">
              {(a11y) => <Input {...a11y} name="name" autoComplete="off" />}
            </Field>
          </form>
        )}
      </Dialog>
    </>
  );
}
