"use client";

export type StepAnswer<T> = { ok: true; data: T } | { ok: false; status: number; code: string; message: string; details?: unknown };

/**
 * POSTs a step of the sign-in pipeline (app/api/sign-in/*) as JSON and reads
 * the envelope. Network failures throw; error envelopes come back as values.
 */
export async function postSignInStep<T>(path: string, body: unknown): Promise<StepAnswer<T>> {
  const res = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  const json = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: { code?: string; message?: string; details?: unknown } } | null;
  if (res.ok && json?.status === "success") return { ok: true, data: json.data as T };
  return { ok: false, status: res.status, code: json?.error?.code ?? "internal_error", message: json?.error?.message ?? "Something went wrong on our side. Try again.", details: json?.error?.details };
}
