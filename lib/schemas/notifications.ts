import { z } from "zod";
import { PLANS } from "@/lib/tenants/plans";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";

export const NOTIFICATION_SEVERITIES = ["info", "maintenance", "billing", "security"] as const;
export type NotificationSeverity = (typeof NOTIFICATION_SEVERITIES)[number];

export const SEVERITY_LABELS: Record<NotificationSeverity, string> = { info: "Information", maintenance: "Maintenance", billing: "Billing", security: "Security" };

const when = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date-time with a time zone, e.g. 2026-12-24T09:00:00Z" });

// Only http(s) links or paths on the same host: the inbox renders them as anchors.
const link = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => /^\/(?!\/)/.test(v) || /^https?:\/\/[^\s]+$/i.test(v), { message: "Use a path such as /billing or an http(s) URL" });

/** What every message says and when: shared by the per-tenant and the broadcast endpoints. */
const messageFields = {
  title: z.string().trim().min(1, "Title is required").max(140, "At most 140 characters"),
  body: z.string().trim().min(1, "Body is required").max(5000, "At most 5,000 characters"),
  severity: z.enum(NOTIFICATION_SEVERITIES, { error: `One of ${NOTIFICATION_SEVERITIES.join(", ")}` }),
  link: link.nullable().optional(),
  send_at: when.nullable().optional(),
  expires_at: when.nullable().optional(),
  window: z.strictObject({ start: when, end: when }).nullable().optional(),
};

type Timed = { send_at?: string | null; expires_at?: string | null; window?: { start: string; end: string } | null; severity: NotificationSeverity };

/** Cross-field rules, each naming the field it is about. */
function checkTimes(v: Timed, ctx: z.RefinementCtx) {
  const sendAt = v.send_at ? Date.parse(v.send_at) : Date.now();
  if (v.expires_at && Date.parse(v.expires_at) <= sendAt) ctx.addIssue({ code: "custom", path: ["expires_at"], message: "Must be after send_at (or now)" });
  if (v.window) {
    if (Date.parse(v.window.end) <= Date.parse(v.window.start)) ctx.addIssue({ code: "custom", path: ["window", "end"], message: "Must be after window.start" });
    if (v.severity !== "maintenance") ctx.addIssue({ code: "custom", path: ["window"], message: "Only maintenance notices have a window" });
  }
}

export const sendNotificationSchema = z
  .strictObject({
    ...messageFields,
    /** Role keys (owner, admin…) or custom role ids or names; absent = every active member. */
    roles: z.array(z.string().trim().min(1).max(100)).min(1, "Name at least one role, or leave roles out for everyone").max(50).optional(),
  })
  .superRefine(checkTimes);
export type SendNotificationInput = z.output<typeof sendNotificationSchema>;

const filterObjectSchema = z
  .strictObject({
    plan: z.enum(PLANS).optional(),
    status: z.enum(TENANT_STATUSES).optional(),
    tag: z.string().trim().min(1).max(40).optional(),
    tenant_ids: z.array(z.string().min(1).max(64)).min(1).max(1000).optional(),
  })
  .refine((f) => Object.keys(f).length > 0, { message: 'Give at least one of plan, status, tag, tenant_ids, or "all"' });

/** How a stored or answered filter looks. */
export const broadcastFilterViewSchema = z.union([z.literal("all"), filterObjectSchema]);

/**
 * The request's filter: "all" or an object, then the object's own rules, so a
 * bad plan is a 400 naming filter.plan (a plain union would only name filter).
 */
export const broadcastFilterSchema = z
  .union([z.literal("all"), z.record(z.string(), z.unknown())], { error: 'Use "all" or an object with plan, status, tag or tenant_ids' })
  .transform((v, ctx): z.output<typeof broadcastFilterViewSchema> => {
    if (v === "all") return "all";
    const r = filterObjectSchema.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      if (issue.code === "unrecognized_keys") for (const k of issue.keys) ctx.addIssue({ code: "custom", path: [...issue.path, k], message: "Unknown field" });
      else ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    return z.NEVER;
  });
export type BroadcastFilter = z.output<typeof broadcastFilterSchema>;

export const broadcastSchema = z
  .strictObject({
    filter: broadcastFilterSchema,
    ...messageFields,
    dry_run: z.boolean().optional(),
  })
  .superRefine(checkTimes);
export type BroadcastInput = z.output<typeof broadcastSchema>;

/** dry_run: true checks the filter alone (the rest of a draft may still be empty). */
export const broadcastPreviewSchema = z.object({ filter: broadcastFilterSchema, dry_run: z.literal(true) });

export const markReadSchema = z.strictObject({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) });

// Response shapes (documented in OpenAPI through the contracts).
const windowView = z.object({ start: z.string(), end: z.string() }).nullable();

export const notificationViewSchema = z.object({
  id: z.string(),
  tenant_id: z.string().nullable(),
  kind: z.enum(["notification", "broadcast"]),
  broadcast_id: z.string().nullable(),
  severity: z.enum(NOTIFICATION_SEVERITIES),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  roles: z.array(z.string()).nullable(),
  send_at: z.string(),
  expires_at: z.string().nullable(),
  window: windowView,
  status: z.enum(["scheduled", "sent", "canceled"]),
  sent_at: z.string().nullable(),
  created_at: z.string(),
  recipients: z.number().int().describe("Members who got an inbox entry (in-app on)"),
  emailed: z.number().int().describe("Mails queued (email on)"),
  read: z.number().int().describe("Inbox entries read"),
});

export const audienceSchema = z.object({ tenants: z.number().int(), members: z.number().int() });

export const broadcastViewSchema = z.object({
  id: z.string(),
  filter: broadcastFilterViewSchema,
  severity: z.enum(NOTIFICATION_SEVERITIES),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  send_at: z.string(),
  expires_at: z.string().nullable(),
  window: windowView,
  status: z.enum(["scheduled", "sending", "sent", "canceled"]),
  tenants_total: z.number().int(),
  tenants_done: z.number().int(),
  created_by: z.string(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
  canceled_at: z.string().nullable(),
  stats: z.object({ recipients: z.number().int(), emailed: z.number().int(), read: z.number().int() }),
});
