import { z } from "zod";

// The audit log's query: one schema for the API routes, the export and the
// console/portal pages (which keep it in the URL), so a filter means the same everywhere.

export const AUDIT_PAGE_SIZE_DEFAULT = 50;
export const AUDIT_PAGE_SIZE_MAX = 200;
/** `tenant_id=platform` on the platform log: events of no tenant (platform staff, tenant creation, purges). */
export const PLATFORM_EVENTS = "platform";

const EVENT_TYPE_PATTERN = /^(?:\*|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*(?:\.?\*)?)$/;

/** `member.role_changed,tenant.*` → exact names and prefixes ("member." for "member.*"; "" for "*"). */
const eventTypes = z
  .string()
  .trim()
  .max(1000)
  .transform((value, ctx) => {
    const parts = value.split(",").map((p) => p.trim()).filter(Boolean);
    if (parts.length === 0 || parts.length > 30) {
      ctx.addIssue({ code: "custom", message: "Give 1 to 30 comma-separated event types (e.g. member.role_changed or member.*)" });
      return z.NEVER;
    }
    const bad = parts.find((p) => !EVENT_TYPE_PATTERN.test(p));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `Not an event type or prefix: ${bad.slice(0, 80)} (e.g. member.role_changed or member.*)` });
      return z.NEVER;
    }
    return {
      exact: parts.filter((p) => !p.endsWith("*")),
      prefixes: parts.filter((p) => p.endsWith("*")).map((p) => p.slice(0, -1)),
    };
  });

const timestamp = z.iso.datetime({ offset: true, message: "Use an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z" }).transform((v) => new Date(v));

const text = (max: number) => z.string().trim().min(1, "Leave it out rather than empty").max(max, `At most ${max} characters`);

/** base64url(JSON [created_at ISO, id]): opaque to callers, checked on the way back in. */
export type AuditCursor = { createdAt: Date; id: string };

export function encodeAuditCursor(c: AuditCursor): string {
  const json = JSON.stringify([c.createdAt.toISOString(), c.id]);
  return typeof Buffer !== "undefined" ? Buffer.from(json, "utf8").toString("base64url") : btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const cursorShape = z.tuple([z.iso.datetime(), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)]);

function decodeAuditCursor(raw: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  try {
    const json = typeof Buffer !== "undefined" ? Buffer.from(raw, "base64url").toString("utf8") : atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = cursorShape.safeParse(JSON.parse(json));
    if (!parsed.success) return null;
    const cursor = { createdAt: new Date(parsed.data[0]), id: parsed.data[1] };
    // base64 decoders skip stray characters; only the exact encoding of a position is one we issued.
    return encodeAuditCursor(cursor) === raw ? cursor : null;
  } catch {
    return null;
  }
}

/** A keyset cursor of audit events (also the Security page's, which reads the same rows). */
export const auditCursorParam = z.string().transform((raw, ctx) => {
  const decoded = decodeAuditCursor(raw);
  if (!decoded) {
    ctx.addIssue({ code: "custom", message: "Invalid cursor: pass next_cursor from the previous page unchanged" });
    return z.NEVER;
  }
  return decoded;
});

const filterFields = {
  event_type: eventTypes.optional().describe("Exact event types or prefixes ending in *, comma-separated: member.role_changed,tenant.*"),
  actor: text(320).optional().describe("A user id, API key id or email (of who acted)"),
  target_type: text(64).optional(),
  target_id: text(200).optional(),
  from: timestamp.optional().describe("RFC 3339; events at or after it"),
  to: timestamp.optional().describe("RFC 3339; events before it"),
  q: text(200).optional().describe("Text in the actor, the target's label or id, or the values before/after"),
  ip: z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], { message: "Use an IP address or a CIDR range, e.g. 203.0.113.0/24" }).optional(),
};

const platformFilterFields = {
  tenant_id: z
    .string()
    .trim()
    .regex(/^(?:platform|[A-Za-z0-9_-]{1,64})$/, "A tenant id, or platform for events of no tenant")
    .optional()
    .describe("One tenant's events, or `platform` for events of no tenant"),
};

const page = {
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(AUDIT_PAGE_SIZE_DEFAULT),
  cursor: auditCursorParam.optional().describe("next_cursor of the previous page"),
};

const exportFormat = { format: z.enum(["csv", "ndjson"]).default("csv") };

const refineRange = <T extends { from?: Date; to?: Date }>(v: T, ctx: z.RefinementCtx) => {
  if (v.from && v.to && v.from >= v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
};

export const tenantAuditListQuerySchema = z.strictObject({ ...filterFields, ...page }).superRefine(refineRange);
export const platformAuditListQuerySchema = z.strictObject({ ...filterFields, ...platformFilterFields, ...page }).superRefine(refineRange);
export const tenantAuditExportQuerySchema = z.strictObject({ ...filterFields, ...exportFormat }).superRefine(refineRange);
export const platformAuditExportQuerySchema = z.strictObject({ ...filterFields, ...platformFilterFields, ...exportFormat }).superRefine(refineRange);

/** What every filter shape parses to; `tenant_id` only on the platform log. */
export type AuditFilters = Omit<z.output<typeof platformAuditExportQuerySchema>, "format">;
export type AuditListQuery = AuditFilters & { limit: number; cursor?: AuditCursor };
export type AuditExportFormat = z.output<typeof exportFormat.format>;

// Responses.

export const auditActorSchema = z.object({
  type: z.enum(["user", "api_key", "system"]),
  user_id: z.string().optional(),
  email: z.string().optional(),
  key_id: z.string().optional(),
  name: z.string(),
});

export const auditEventSchema = z.object({
  id: z.string(),
  timestamp: z.string(),
  event_type: z.string(),
  actor: auditActorSchema,
  target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).describe("Only the fields whose value changed; a field on one side only has null on the other"),
  ip_address: z.string().nullable(),
  user_agent: z.string().nullable(),
  request_id: z.string().nullable(),
  tenant_id: z.string().nullable(),
  tenant_name: z.string().nullable(),
});
export type AuditEventItem = z.output<typeof auditEventSchema>;

export const auditListResponseSchema = z.object({
  items: z.array(auditEventSchema),
  next_cursor: z.string().nullable().describe("Pass as cursor for the next (older) page; null on the last page"),
});
export type AuditListResponse = z.output<typeof auditListResponseSchema>;
