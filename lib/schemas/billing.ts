import { z } from "zod";
import { FEATURES, LIMIT_KEYS, PLANS, type Feature } from "@/lib/tenants/plans";
import { settingsFields } from "@/lib/schemas/tenant";

export const planKeySchema = z.enum(PLANS, { error: `Must be one of ${PLANS.join(", ")}` });
const cents = (max: number) => z.number({ error: "Must be a number of cents" }).int("Must be a whole number of cents").min(0, "Must be 0 or more").max(max, `Must be at most ${max}`);
const limitValue = z.number().int("Must be a whole number").min(0, "Must be 0 or more").nullable();

export const planLimitsSchema = z.strictObject(Object.fromEntries(LIMIT_KEYS.map((k) => [k, limitValue])) as Record<(typeof LIMIT_KEYS)[number], typeof limitValue>);
export const planFeaturesSchema = z.strictObject(Object.fromEntries(FEATURES.map((f) => [f, z.boolean({ error: "Must be true or false" })])) as Record<Feature, z.ZodBoolean>);
export const overagePricesSchema = z.strictObject({ api_calls_per_1000_cents: cents(100_000), storage_gb_cents: cents(100_000) });
export const addOnPricesSchema = z.strictObject({ seat_cents: cents(1_000_000), storage_gb_cents: cents(1_000_000) });

export const planVersionSchema = z.object({
  key: planKeySchema,
  version: z.number().int(),
  name: z.string(),
  price_monthly_cents: z.number().int(),
  currency: z.string(),
  limits: planLimitsSchema,
  features: planFeaturesSchema,
  overage: overagePricesSchema,
  add_on_prices: addOnPricesSchema,
  trial_days: z.number().int(),
  created_at: z.string(),
});
export type PlanVersionView = z.infer<typeof planVersionSchema>;

export const planSchema = planVersionSchema.extend({
  current_version: z.number().int(),
  /** Subscriptions on this plan, and how many of them are on an older version (they keep its price until moved). */
  subscriptions: z.number().int(),
  subscriptions_on_older_versions: z.number().int(),
});

/** PUT /plans/{key}: the whole content of the next version. */
export const updatePlanSchema = z.strictObject({
  name: z.string().trim().min(1, "Enter a name").max(60, "At most 60 characters"),
  price_monthly_cents: cents(100_000_000),
  currency: settingsFields.currency,
  limits: planLimitsSchema,
  features: planFeaturesSchema,
  overage: overagePricesSchema,
  add_on_prices: addOnPricesSchema,
  trial_days: z.number({ error: "Must be a number of days" }).int("Must be a whole number of days").min(0, "Must be 0 or more").max(365, "At most 365 days"),
});
export type UpdatePlanInput = z.infer<typeof updatePlanSchema>;

export const addOnsSchema = z.strictObject({
  extra_seats: z.number({ error: "Must be a number" }).int("Must be a whole number").min(0, "Must be 0 or more").max(100_000, "At most 100000"),
  extra_storage_gb: z.number({ error: "Must be a number" }).int("Must be a whole number").min(0, "Must be 0 or more").max(100_000, "At most 100000"),
});
export type AddOns = z.infer<typeof addOnsSchema>;

export const TRIAL_END_ACTIONS = ["convert", "downgrade", "suspend"] as const;
export type TrialEndAction = (typeof TRIAL_END_ACTIONS)[number];

export const changePlanSchema = z.strictObject({
  plan: planKeySchema,
  dry_run: z.boolean({ error: "Must be true or false" }).optional(),
});

export const startTrialSchema = z.strictObject({
  plan: planKeySchema,
  days: z.number({ error: "Must be a number of days" }).int("Must be a whole number of days").min(1, "At least 1 day").max(365, "At most 365 days").optional(),
  trial_end_action: z.enum(TRIAL_END_ACTIONS, { error: `Must be one of ${TRIAL_END_ACTIONS.join(", ")}` }).optional(),
});

export const trialSettingsSchema = z.strictObject({
  trial_end_action: z.enum(TRIAL_END_ACTIONS, { error: `Must be one of ${TRIAL_END_ACTIONS.join(", ")}` }),
});

export const prorationLineSchema = z.object({
  kind: z.enum(["credit", "charge"]),
  description: z.string(),
  days: z.number().int(),
  period_days: z.number().int(),
  amount_cents: z.number().int(),
});

export const subscriptionSchema = z.object({
  tenant_id: z.string(),
  plan: planKeySchema,
  plan_name: z.string(),
  plan_version: z.number().int(),
  current_plan_version: z.number().int(),
  price_monthly_cents: z.number().int(),
  currency: z.string(),
  status: z.enum(["trialing", "active", "canceled"]),
  trial_ends_at: z.string().nullable(),
  trial_end_action: z.enum(TRIAL_END_ACTIONS),
  current_period_start: z.string(),
  current_period_end: z.string(),
  add_ons: addOnsSchema,
  add_on_prices: addOnPricesSchema,
  add_ons_monthly_cents: z.number().int(),
  updated_at: z.string(),
});
export type SubscriptionView = z.infer<typeof subscriptionSchema>;

export const planChangeResultSchema = z.object({
  dry_run: z.boolean(),
  from_plan: planKeySchema,
  to_plan: planKeySchema,
  currency: z.string(),
  proration: z.array(prorationLineSchema),
  /** What the change costs (or credits, negative) on the next invoice. */
  total_cents: z.number().int(),
  new_price_monthly_cents: z.number().int(),
  subscription: subscriptionSchema,
});

export const usageQuotaSchema = z.object({
  limit: z.enum(LIMIT_KEYS),
  label: z.string(),
  used: z.number().nullable(),
  /** Plan limit plus add-ons; null: unlimited. */
  limit_value: z.number().nullable(),
  add_on: z.number(),
  percent: z.number().nullable(),
});

export const billingOverviewSchema = z.object({
  subscription: subscriptionSchema,
  next_invoice_estimate: z.object({
    period_start: z.string(),
    period_end: z.string(),
    currency: z.string(),
    plan_cents: z.number().int(),
    add_ons_cents: z.number().int(),
    pending_charges_cents: z.number().int(),
    total_cents: z.number().int(),
  }),
  payment_provider: z.object({ name: z.string(), status: z.string() }),
});
