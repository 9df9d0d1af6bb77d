import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import { planSchema, updatePlanSchema } from "@/lib/schemas/billing";

const TAG = "Plan catalogue";

export const listPlans = defineRoute({
  method: "GET",
  path: "/api/v1/plans",
  tag: TAG,
  summary: "The plan catalogue: each plan's current version, price, limits, features, overage and add-on prices, trial days",
  description:
    "Seed 003's basic, professional and enterprise. `subscriptions` counts the tenants on the plan and `subscriptions_on_older_versions` those still on an earlier version (they keep its price until moved). Needs tenants:read.",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The plans", data: z.object({ plans: z.array(planSchema) }) } },
  errors: [401, 403],
});

export const updatePlan = defineRoute({
  method: "PUT",
  path: "/api/v1/plans/{key}",
  tag: TAG,
  summary: "Edit a plan: saves its next version",
  description:
    "The whole content of the plan (name, monthly price in cents, currency, limits, features, overage prices per 1,000 API calls and per GB of storage, add-on prices per seat and per GB, trial days). Versions are never edited: existing subscriptions keep their version and price, tenants keep their limits and features; new assignments take the new version. Content equal to the current version saves nothing. Needs billing:manage (platform admins).",
  access: { platform: "billing:manage" },
  rateLimit: "tenant_queries",
  body: updatePlanSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "The plan as it is now", data: z.object({ plan: planSchema }) } },
  errors: [400, 401, 403, 404],
});

export const moveSubscriptions = defineRoute({
  method: "POST",
  path: "/api/v1/plans/{key}/move-subscriptions",
  tag: TAG,
  summary: "Move every subscription on an older version of the plan to its current version",
  description:
    "Each tenant in its own transaction: the current version's price (from the next invoice), limits (plus the tenant's add-ons) and features; subscription.moved_to_current_version for each. Needs billing:manage.",
  access: { platform: "billing:manage" },
  rateLimit: "resource_usage",
  headers: ["idempotency-key"],
  responses: {
    200: { description: "How many moved, and any that could not", data: z.object({ moved: z.number().int(), failed: z.array(z.object({ tenant_id: z.string(), error: z.string() })) }) },
  },
  errors: [401, 403, 404],
});
