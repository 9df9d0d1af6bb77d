import { describe, expect, it } from "vitest";
import { usageEventSchema } from "@/lib/schemas/usage-events";
import { looksWellFormed, validateUsageEvent } from "@/lib/usage/validate-usage-event";

const base = { id: "e1", tenant_id: "tenant_1", meter: "api_calls", value: 3, timestamp: "2026-12-05T10:00:00Z" };
const CASES: unknown[] = [
  base,
  { ...base, tenant_id: undefined },
  { ...base, timestamp: "2026-12-05T10:00:00.123+01:00" },
  { ...base, timestamp: "2026-12-05T10:00:00.123456789-05:30" },
  { ...base, timestamp: "2026-12-05T10:00:00+0100" },
  { ...base, timestamp: "2026-12-05 10:00:00Z" },
  { ...base, timestamp: "2026-13-05T10:00:00Z" },
  { ...base, timestamp: "2026-12-05T10:00Z" },
  { ...base, timestamp: "2026-12-05" },
  { ...base, timestamp: 1733392800000 },
  { ...base, id: "" },
  { ...base, id: "x".repeat(129) },
  { ...base, id: 7 },
  { ...base, tenant_id: "" },
  { ...base, meter: "" },
  { ...base, value: "3" },
  { ...base, value: null },
  { ...base, extra: 1 },
  { ...base, properties: { feature: "reports", user_id: "u1", n: 3, nested: { a: [1] } } },
  { ...base, properties: [] },
  { ...base, properties: null },
  { ...base, properties: { ["k".repeat(65)]: 1 } },
  { ...base, properties: "x" },
  null,
  [],
  "event",
];

describe("the fast path of usage event validation", () => {
  it("accepts only what the Zod schema accepts (a strict subset), and accepts the ordinary shapes", () => {
    for (const c of CASES) if (looksWellFormed(c)) expect(usageEventSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
    expect(CASES.filter(looksWellFormed)).toHaveLength(5);
  });

  it("gives the same verdict and reason whichever path an event takes", () => {
    const now = new Date("2026-12-05T12:00:00Z");
    const oldest = new Date("2026-11-01T00:00:00Z");
    expect(validateUsageEvent(base, now, oldest)).toMatchObject({ ok: true });
    expect(validateUsageEvent({ ...base, extra: 1 }, now, oldest)).toMatchObject({ ok: false, reason: "invalid_event" });
    expect(validateUsageEvent({ ...base, value: -1 }, now, oldest)).toMatchObject({ ok: false, reason: "invalid_value" });
    expect(validateUsageEvent({ ...base, value: "1" }, now, oldest)).toMatchObject({ ok: false, reason: "invalid_value" });
    expect(validateUsageEvent({ ...base, timestamp: "2026-10-01T00:00:00Z" }, now, oldest)).toMatchObject({ ok: false, reason: "timestamp_too_old" });
  });
});
