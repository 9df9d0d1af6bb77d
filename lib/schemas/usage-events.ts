import { z } from "zod";
import { METERS } from "@/lib/usage/meters";

export const MAX_USAGE_BATCH = 1000;
/** How far ahead of the server's clock a timestamp may be (clock skew), in ms. */
export const USAGE_FUTURE_TOLERANCE_MS = 5 * 60_000;

const reportedMeters = METERS.filter((m) => m.source === "reported").map((m) => m.name);

/** One event as the product sends it; checked one by one, so a bad event is rejected alone. */
export const usageEventSchema = z
  .object({
    id: z.string().min(1).max(128).describe("The product's id for this event: resending it (whatever else changed) is a duplicate"),
    tenant_id: z.string().min(1).max(64).optional().describe("Required with a platform key; with a tenant key it may be left out and must otherwise be that key's tenant"),
    meter: z.string().min(1).max(64).describe(`One of ${reportedMeters.join(", ")}`),
    value: z.number().describe("A finite number ≥ 0: the amount for counters, the sample for gauges (response_time_ms)"),
    timestamp: z.iso.datetime({ offset: true }).describe("When it happened (ISO 8601 with an offset); not older than the raw retention (USAGE_RAW_RETENTION_DAYS), not more than 5 minutes ahead"),
    properties: z
      .record(z.string().max(64), z.unknown())
      .optional()
      .describe("Free-form, at most 2 KB as JSON. active_user needs user_id; feature_used needs feature (and counts users with user_id)"),
  })
  .strict();
export type UsageEventBody = z.infer<typeof usageEventSchema>;

/** The documented body. The envelope is checked as a whole (400 naming `events`); each event on its own. */
export const usageEventsBodySchema = z.object({ events: z.array(usageEventSchema).min(1).max(MAX_USAGE_BATCH) }).strict();

/** What the route parses before looking at events one by one. */
export const usageEventsEnvelopeSchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_USAGE_BATCH) }).strict();

export const USAGE_REJECTION_REASONS = [
  "invalid_event",
  "unknown_meter",
  "measured_meter",
  "invalid_value",
  "missing_property",
  "timestamp_too_old",
  "timestamp_in_future",
  "missing_tenant",
  "unknown_tenant",
] as const;

export const usageEventsResultSchema = z.object({
  accepted: z.number().int().describe("New events recorded (and added to the rollups)"),
  duplicates: z.number().int().describe("Events whose id was already recorded for the tenant (or repeated in this batch): nothing changed"),
  rejected: z.number().int(),
  errors: z.array(
    z.object({
      index: z.number().int().describe("Position in `events`"),
      id: z.string().nullable(),
      reason: z.enum(USAGE_REJECTION_REASONS),
      message: z.string(),
    }),
  ),
});
export type UsageEventsResult = z.infer<typeof usageEventsResultSchema>;
