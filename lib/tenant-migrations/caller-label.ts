import type { Caller } from "@/lib/auth/caller";

/** Who started a run, as the runs list shows it ("user:<id> <label>"); the audit events carry the full actor. */
export const callerLabel = (caller: Caller) => `${caller.kind}${caller.id ? `:${caller.id}` : ""} ${caller.label}`.slice(0, 300);
