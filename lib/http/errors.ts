import { z } from "zod";
import { isTooManyConnectionsError } from "@/lib/db/connection-limit-error";
import { isDatabaseBusyError } from "@/lib/db/database-busy-error";
import { findUnsafeText, isUnstorableTextError } from "@/lib/http/unsafe-text";

// Seed 000's error tables, plus the generic codes every HTTP API needs.
const STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_tenant_config: 400,
  schema_name_exists: 400,
  domain_already_used: 400,
  limits_exceeded: 400,
  billing_approval_required: 400,
  // The SQL console refused the statement before running it; details name the reason and position.
  query_rejected: 400,
  // PostgreSQL refused a console statement that passed the checks (unknown column, bad cast, constraint): its message, SQLSTATE and position.
  query_failed: 400,
  invalid_archive: 400,
  backup_rejected: 400,
  // A member's allowlist change would shut out the address they are using now.
  ip_allowlist_lockout: 400,
  email_domain_not_allowed: 400,
  // A mailed one-time link (password reset, email verification) that is unknown, expired, used or for another host.
  token_invalid: 400,
  authentication_required: 401,
  // The sign-in pipeline (app/api/sign-in/*): one answer for a wrong password, an unknown account and throttling.
  invalid_credentials: 401,
  tenant_access_denied: 403,
  schema_access_denied: 403,
  admin_privileges_required: 403,
  cross_tenant_access_denied: 403,
  tenant_suspended: 403,
  // A "2FA required" rule applies and the signed-in account has not enrolled a second factor yet.
  second_factor_enrolment_required: 403,
  origin_not_allowed: 403,
  // Staff impersonation (lib/impersonation): the tenant's policy forbids it; a read-only support session tried a change.
  impersonation_forbidden: 403,
  impersonation_read_only: 403,
  // An account whose address is not verified yet tried something only verified accounts may (creating API keys).
  email_verification_required: 403,
  export_link_invalid: 403,
  ip_not_allowed: 403,
  // A sensitive action wants a sign-in or re-authentication within the last 10 minutes (lib/auth/sessions/recent-auth.ts).
  reauthentication_required: 403,
  // The tenant's security policy does not allow this way of signing in (e.g. passwords when SSO is required).
  sign_in_method_not_allowed: 403,
  tenant_not_found: 404,
  not_found: 404,
  dns_resolution_failed: 404,
  method_not_allowed: 405,
  query_timeout: 408,
  invalid_state: 409,
  concurrent_update: 409,
  import_conflicts: 409,
  // A downgrade (or trial end) to a plan whose limits the tenant's current usage exceeds; details name the limit.
  usage_exceeds_plan_limits: 409,
  idempotency_request_in_progress: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limit_exceeded: 429,
  tenant_limit_exceeded: 429,
  storage_quota_exceeded: 429,
  connection_pool_full: 429,
  schema_creation_failed: 500,
  migration_failed: 500,
  internal_error: 500,
  // Overloaded: no database connection could be had in time (lib/db/database-busy-error.ts); retry after Retry-After.
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;
export type ErrorDetail = { path: string; message: string };

/** The one error type services throw; the HTTP layer turns it into the envelope. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    readonly headers?: Record<string, string>,
    /** A code seed 000 files under one status but some of whose causes are the caller's (migration_failed: an edited migration is 409). */
    status?: 400 | 409,
  ) {
    super(message);
    this.status = status ?? STATUS[code];
  }
}

/** Zod issues → `details`, one entry per bad field, unknown keys named individually. */
export function zodDetails(error: z.ZodError, prefix: (string | number)[] = []): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path].map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({ path: [...base, k].join("."), message: "Unknown field" }));
    }
    return [{ path: base.join(".") || "(body)", message: issue.message }];
  });
}

export function fromZod(error: z.ZodError, code: ErrorCode = "invalid_request", prefix: (string | number)[] = []): AppError {
  const details = zodDetails(error, prefix);
  const first = details[0];
  const summary = first ? `${first.path}: ${first.message}` : "Invalid input";
  return new AppError(code, details.length > 1 ? `${summary} (and ${details.length - 1} more)` : summary, details);
}

/**
 * The AppError a thrown value stands for, or null when it is unexpected (a 500).
 * Text PostgreSQL refuses is the input's fault: the boundary checks below name
 * the field; this catches any path they do not see.
 */
export function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isUnstorableTextError(err)) return new AppError("invalid_request", "The request contains text that cannot be stored (a NUL character or invalid Unicode)");
  // A connection refused by a role's CONNECTION LIMIT (the tenant's database_connections) is the tenant's pool being full, not our fault.
  if (isTooManyConnectionsError(err)) return new AppError("connection_pool_full", "All of this tenant's database connections are in use; retry shortly or raise the database_connections limit", undefined, { "Retry-After": "5" });
  if (isDatabaseBusyError(err)) return new AppError("service_unavailable", "The server is too busy to answer right now; nothing was changed, retry shortly", undefined, { "Retry-After": "2" });
  return null;
}

/** Throws `400 invalid_request` naming the field when `value` holds text PostgreSQL cannot store (NUL, unpaired surrogates). */
export function assertStorableText(value: unknown, prefix: (string | number)[] = []): void {
  const bad = findUnsafeText(value, prefix);
  if (bad) throw new AppError("invalid_request", `${bad.path}: ${bad.message}`, [bad]);
}

/** Parses or throws an AppError naming each bad field. Services and server actions share it, so it refuses unstorable text too. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, code: ErrorCode = "invalid_request"): z.output<S> {
  assertStorableText(input);
  const r = schema.safeParse(input);
  if (!r.success) throw fromZod(r.error, code);
  return r.data;
}
