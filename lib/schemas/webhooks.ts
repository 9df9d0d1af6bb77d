import net from "node:net";
import { z } from "zod";
import { env } from "@/lib/env";
import { isAddressAllowed } from "@/lib/webhooks/address-policy";
import { isSubscribablePattern } from "@/lib/webhooks/event-catalogue";

/**
 * An endpoint URL: https (http too when WEBHOOK_ALLOW_PRIVATE_NETWORKS=true),
 * no user:password, no fragment, and no address literal the delivery agent
 * would refuse anyway. Host names are checked again, after DNS, at connect time.
 */
export const webhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Must be an absolute URL such as https://example.com/webhooks" });
      return;
    }
    const allowHttp = env.webhookAllowPrivateNetworks;
    if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
      ctx.addIssue({ code: "custom", message: allowHttp ? "Must be an http or https URL" : "Must be an https URL" });
      return;
    }
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Must not contain a user name or password; authenticate with the signature instead" });
    if (url.hash) ctx.addIssue({ code: "custom", message: "Must not contain a #fragment" });
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host) && !isAddressAllowed(host)) ctx.addIssue({ code: "custom", message: `${host} is a private, loopback, link-local or reserved address; webhooks go to public addresses only` });
  });

export const webhookEventTypesSchema = z
  .array(z.string().refine(isSubscribablePattern, { message: "Unknown event type (see GET /api/v1/webhooks/event-types; `*` or an area such as `member.*` also work)" }))
  .min(1, "Name at least one event type, or `*` for all")
  .max(50)
  .transform((types) => [...new Set(types)]);

export const createWebhookEndpointSchema = z.strictObject({
  url: webhookUrlSchema,
  description: z.string().trim().max(500).optional().default(""),
  event_types: webhookEventTypesSchema,
  enabled: z.boolean().optional().default(true),
});
export type CreateWebhookEndpointInput = z.output<typeof createWebhookEndpointSchema>;

export const updateWebhookEndpointSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    description: z.string().trim().max(500).optional(),
    event_types: webhookEventTypesSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one of url, description, event_types, enabled" });
export type UpdateWebhookEndpointInput = z.output<typeof updateWebhookEndpointSchema>;

export const recoverWebhookDeliveriesSchema = z.strictObject({
  since: z.iso.datetime({ offset: true, message: "An RFC 3339 date-time, e.g. 2026-01-01T00:00:00Z" }),
});

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "retrying", "succeeded", "failed"] as const;

export const webhookDeliveriesQuerySchema = z.strictObject({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional().default(25),
  cursor: z.string().max(200).optional(),
});

// Answers.
export const webhookEndpointSchema = z.object({
  id: z.string(),
  tenant_id: z.string().nullable(),
  url: z.string(),
  description: z.string(),
  event_types: z.array(z.string()),
  enabled: z.boolean(),
  disabled_reason: z.enum(["manual", "gone", "failing"]).nullable(),
  disabled_at: z.string().nullable(),
  failing_since: z.string().nullable(),
  secret_rotating_until: z.string().nullable().describe("While set, deliveries carry signatures by the previous secret too"),
  created_at: z.string(),
  updated_at: z.string(),
});

export const webhookAttemptSchema = z.object({
  id: z.string(),
  attempt: z.number().int(),
  attempted_at: z.string(),
  succeeded: z.boolean(),
  status_code: z.number().int().nullable(),
  duration_ms: z.number().int(),
  response_body: z.string().nullable().describe("The first 1 KB of the answer"),
  error: z.string().nullable(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status_code: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  payload: z.unknown(),
  attempt_log: z.array(webhookAttemptSchema),
});

export const webhookStatsSchema = z.object({
  window_hours: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  success_rate: z.number().nullable().describe("Successful attempts / attempts in the window (null: none)"),
  hourly: z.array(z.object({ hour: z.string(), succeeded: z.number().int(), failed: z.number().int() })),
  pending: z.number().int(),
  dead_lettered: z.number().int(),
});

export const webhookEventPayloadSchema = z.object({
  id: z.string().describe("Event id: the deduplication key (also the webhook-id header)"),
  type: z.string(),
  timestamp: z.string(),
  tenant_id: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
