import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  addOnsSchema,
  billingOverviewSchema,
  changePlanSchema,
  planChangeResultSchema,
  startTrialSchema,
  subscriptionSchema,
  trialSettingsSchema,
  usageQuotaSchema,
} from "@/lib/schemas/billing";

const TAG = "Subscriptions and billing";
const READ = { tenant: "billing:manage", platform: "tenants:read" } as const;
const CHANGE = { tenant: "billing:manage", platform: "billing:manage" } as const;
const WHO_READS = "Tenant members and keys with billing:manage (owners and admins); platform staff with tenants:read.";
const WHO_CHANGES = "Tenant members and keys with billing:manage (owners and admins); platform staff with billing:manage (admins).";

export const getSubscription = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/subscription",
  tag: TAG,
  summary: "The tenant's subscription: plan, version and kept price, status, trial, billing period, add-ons",
  description: WHO_READS,
  access: READ,
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The subscription", data: z.object({ subscription: subscriptionSchema }) } },
  errors: [401, 403, 404],
});

const changeDescription = (dir: string) =>
  [
    `Moves the tenant to the current version of a plan ${dir} its own: tenants.plan with that version's limits (plus add-ons) and features, the subscription's price, and the prorated amounts as pending charges on the next invoice (subscription.changed).`,
    "Proration is to the day in integer cents: a credit for the unused days of the old price and a charge for the same days at the new price (the day of the change counts as remaining); none during a trial.",
    "`dry_run: true` answers the same preview and writes nothing. A plan whose limits current usage exceeds (members over users, storage over storage_gb) is a 409 usage_exceeds_plan_limits naming the limit. The plan it is on already answers with no proration.",
    WHO_CHANGES,
  ].join(" ");

export const upgradeSubscription = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/subscription/upgrade",
  tag: TAG,
  summary: "Upgrade the plan (proration preview with dry_run)",
  description: changeDescription("above"),
  access: CHANGE,
  rateLimit: "resource_usage",
  body: changePlanSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The change (or its preview)", data: planChangeResultSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const downgradeSubscription = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/subscription/downgrade",
  tag: TAG,
  summary: "Downgrade the plan (proration preview with dry_run; refused while usage exceeds the lower plan's limits)",
  description: changeDescription("below"),
  access: CHANGE,
  rateLimit: "resource_usage",
  body: changePlanSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The change (or its preview)", data: planChangeResultSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const updateAddOns = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}/subscription/add-ons",
  tag: TAG,
  summary: "Set extra seats and extra storage (GB) on top of the plan",
  description: `The users and storage_gb limits become the plan version's plus these; priced per seat and per GB at the plan version's add-on prices. Fewer than in use is a 409 naming the limit. ${WHO_CHANGES}`,
  access: CHANGE,
  rateLimit: "resource_usage",
  body: addOnsSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "The subscription", data: z.object({ subscription: subscriptionSchema }) } },
  errors: [400, 401, 403, 404, 409],
});

export const startTrial = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/subscription/trial",
  tag: TAG,
  summary: "Start a trial of a plan",
  description: `The plan applies now, free, for \`days\` (the plan's trial days when left out). A daily job ends due trials by \`trial_end_action\`: convert (the plan, paid from then), downgrade (to basic) or suspend; reminders are mailed to owners and admins 7 days and 1 day before. Already in a trial: 409. ${WHO_CHANGES}`,
  access: CHANGE,
  rateLimit: "resource_usage",
  body: startTrialSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The subscription", data: z.object({ subscription: subscriptionSchema }) } },
  errors: [400, 401, 403, 404, 409],
});

export const updateTrial = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}/subscription/trial",
  tag: TAG,
  summary: "Change what happens when the trial ends (convert, downgrade or suspend)",
  description: WHO_CHANGES,
  access: CHANGE,
  rateLimit: "resource_usage",
  body: trialSettingsSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "The subscription", data: z.object({ subscription: subscriptionSchema }) } },
  errors: [400, 401, 403, 404],
});

export const getBilling = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/billing",
  tag: TAG,
  summary: "Billing overview: subscription, next invoice estimate so far, payment provider",
  description: `The estimate holds the plan (not during a trial), add-ons and pending charges such as prorations; metered overage is added when the invoice is made. No payment processor is connected: the provider is "manual". ${WHO_READS}`,
  access: READ,
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Billing", data: billingOverviewSchema } },
  errors: [401, 403, 404],
});

export const getUsageQuotas = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/usage-quotas",
  tag: TAG,
  summary: "Each limit: used, limit (plan plus add-ons; null is unlimited) and percent",
  description: `Limits nothing measures show used null. ${WHO_READS}`,
  access: READ,
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Quotas", data: z.object({ quotas: z.array(usageQuotaSchema) }) } },
  errors: [401, 403, 404],
});
