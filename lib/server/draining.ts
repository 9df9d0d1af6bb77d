// One flag per process: Next bundles route handlers apart from scripts/server.ts,
// so a module-level variable would exist once per bundle; globalThis is shared.
const globals = globalThis as unknown as { __atriumDrainingSince?: number };

/** True once this process has begun shutting down (readiness then answers 503). */
export function isDraining(): boolean {
  return globals.__atriumDrainingSince !== undefined;
}

/** Marks the process as draining; later calls keep the first moment. */
export function markDraining(): void {
  globals.__atriumDrainingSince ??= Date.now();
}

/** Tests only: the next test starts from a process that serves. */
export function clearDraining(): void {
  globals.__atriumDrainingSince = undefined;
}
