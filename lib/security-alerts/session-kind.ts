// Mirrors lib/auth/sessions/types.ts's SessionKind (part A) until that lands here.
export type SessionKind = "staff" | "member";
