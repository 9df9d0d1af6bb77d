import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import { audienceSchema, broadcastSchema, broadcastViewSchema, notificationViewSchema, sendNotificationSchema } from "@/lib/schemas/notifications";

const TAG = "Notifications";
const DELIVERY =
  "Delivery: an inbox entry (the bell, /notifications) for each active member holding one of the roles whose preferences.notifications.in_app is not false, and a mail through the outbox for each whose preferences.notifications.email is not false. send_at in the future stores it for the notifications job (every minute); expires_at takes it out of every inbox; a maintenance notice's window shows a banner on the tenant's portal while it lasts.";

export const sendNotification = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/notifications",
  tag: TAG,
  summary: "Notify the tenant's members (all, or by role), now or at send_at",
  description: `Platform callers: tenants:update. Tenant side: members:update (the tenant's own keys and members notify their own members). roles: built-in role keys, custom role ids or names; unknown ones are a 400 naming roles.<n>. ${DELIVERY} Audited as notification.sent (or notification.scheduled, then notification.sent when the job sends it).`,
  access: { tenant: "members:update", platform: "tenants:update" },
  rateLimit: "tenant_queries",
  body: sendNotificationSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 201: { description: "The notification, sent (with its counts) or scheduled", data: z.object({ notification: notificationViewSchema }) } },
  errors: [400, 401, 403, 404, 429],
});

export const listMessages = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/messages",
  tag: TAG,
  summary: "What the tenant was sent (its notifications and its part of each broadcast), newest first, with delivery and read counts",
  description: "Platform callers: tenants:read. Tenant side: members:read. 100 a page; next_before is the cursor for the next page.",
  access: { tenant: "members:read" },
  rateLimit: "tenant_queries",
  query: z.object({ before: z.string().optional().describe("ISO 8601 date-time: messages created before it (next_before of the previous page)") }),
  responses: { 200: { description: "Messages", data: z.object({ messages: z.array(notificationViewSchema), next_before: z.string().nullable() }) } },
  errors: [400, 401, 403, 404, 429],
});

export const createBroadcast = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/broadcast",
  tag: TAG,
  summary: "Broadcast to every tenant or a filter (plan, status, tag, tenant_ids); dry_run answers the audience only",
  description: `Platform callers with tenants:update. filter "all" or { plan?, status?, tag?, tenant_ids? } (all given must match; status defaults to active; tag is one of the tenant's settings.tags). dry_run: true checks only the filter and answers { tenants, members }, writing nothing. Otherwise the broadcast is stored and the notifications job sends it (at once, or after send_at) one tenant per transaction: each matching tenant gets its own notification, delivered as for POST /tenants/{id}/notifications to every member. ${DELIVERY} Audited as broadcast.created (platform) and broadcast.sent (each tenant; webhook notification.sent).`,
  access: { platform: "tenants:update" },
  rateLimit: "tenant_queries",
  body: broadcastSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: {
    200: { description: "dry_run: the audience", data: z.object({ dry_run: z.literal(true), audience: audienceSchema }) },
    201: { description: "The broadcast (status sending, or scheduled) and its audience now", data: z.object({ dry_run: z.literal(false), audience: audienceSchema, broadcast: broadcastViewSchema }) },
  },
  errors: [400, 401, 403, 429],
});

export const listBroadcasts = defineRoute({
  method: "GET",
  path: "/api/v1/broadcasts",
  tag: TAG,
  summary: "Recent broadcasts with delivery and read statistics",
  description: "Platform callers with tenants:read. The latest 50 (limit up to 200), newest first; stats sum every tenant's part: inbox entries (recipients), mails queued (emailed) and entries read.",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: z.object({ limit: z.string().optional().describe("1–200, default 50") }),
  responses: { 200: { description: "Broadcasts", data: z.object({ broadcasts: z.array(broadcastViewSchema) }) } },
  errors: [400, 401, 403, 429],
});

export const cancelBroadcast = defineRoute({
  method: "POST",
  path: "/api/v1/broadcasts/{broadcast_id}/cancel",
  tag: TAG,
  summary: "Cancel a scheduled broadcast before it goes out",
  description: "Platform callers with tenants:update. Only a scheduled broadcast can be cancelled; one sending or sent answers 409 invalid_state. Audited as broadcast.canceled.",
  access: { platform: "tenants:update" },
  rateLimit: "tenant_queries",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The cancelled broadcast", data: z.object({ broadcast: broadcastViewSchema }) } },
  errors: [401, 403, 404, 409, 429],
});
