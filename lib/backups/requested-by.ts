import { systemCaller, type Caller } from "@/lib/auth/caller";

export type RequestedBy = { kind: Caller["kind"]; id: string | null; label: string };

export const requestedBy = (caller: Caller): RequestedBy => ({ kind: caller.kind, id: caller.id, label: caller.label });

/** The job's caller for the audit: the staff member who asked, not the worker that ran it later. */
export function callerFrom(r: RequestedBy): Caller {
  const base = systemCaller(r.label);
  return r.kind === "user" && r.id ? { ...base, kind: "user", id: r.id, platformRole: null } : base;
}
