import { describe, expect, it } from "vitest";
import * as trialRoute from "@/app/api/v1/tenants/[id]/subscription/trial/route";
import { systemCaller } from "@/lib/auth/caller";
import { runTrialJob } from "@/lib/billing/subscriptions/run-trial-job";
import { startTrial } from "@/lib/billing/subscriptions/start-trial";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { addMember, codeOf } from "../support/tenant-members";

// Trials on a fixed clock: reminders 7 days and 1 day before (each once,
// however often the job runs), and the end by trial_end_action.

const system = platformActor(systemCaller("test"));
const DAY = 86_400_000;
const start = new Date("2027-03-10T12:00:00Z");
const plus = (ms: number) => new Date(start.getTime() + ms);

const mails = async (tenantId: string) =>
  ownerQuery<{ to_address: string; subject: string }>("SELECT to_address, subject FROM mail_outbox WHERE tenant_id = $1 AND kind = 'trial_reminder' ORDER BY created_at, to_address", [tenantId]);
const state = async (tenantId: string) =>
  (
    await ownerQuery<{ status: string; plan: string; sub_status: string; plan_key: string; is_trial: boolean; suspended_reason: string | null; charges: number }>(
      `SELECT t.status, t.plan, t.is_trial, t.suspended_reason, s.status AS sub_status, s.plan_key,
         (SELECT count(*)::int FROM billing_pending_charges c WHERE c.tenant_id = t.id) AS charges
       FROM tenants t JOIN tenant_subscriptions s ON s.tenant_id = t.id WHERE t.id = $1`,
      [tenantId],
    )
  )[0];

/** Only this file's tenants: the job sees every trial in the database, other files' too. */
const endedHere = (r: Awaited<ReturnType<typeof runTrialJob>>, ids: string[]) => r.ended.filter((e) => ids.includes(e.tenant_id)).sort((a, b) => a.tenant_id.localeCompare(b.tenant_id));

describe("trials", () => {
  it("reminds owners and admins 7 days and 1 day before, once each, then converts to the paid plan", async () => {
    const t = await makeTenant({ plan: "basic" });
    const admin = await addMember(t.id, "admin");
    await addMember(t.id, "member");
    const sub = await startTrial(system, t.id, { plan: "enterprise", days: 14 }, start);
    expect(sub).toMatchObject({ plan: "enterprise", status: "trialing", trial_end_action: "convert", trial_ends_at: plus(14 * DAY).toISOString() });
    // A trial is free: the plan changed with no proration.
    expect(await state(t.id)).toMatchObject({ plan: "enterprise", is_trial: true, charges: 0 });

    await runTrialJob(plus(6 * DAY));
    expect(await mails(t.id)).toEqual([]);
    await runTrialJob(plus(7 * DAY + 3600_000));
    await runTrialJob(plus(8 * DAY));
    const seven = await mails(t.id);
    expect(seven.map((m) => m.to_address).sort()).toEqual([`owner@${t.slug}.test`, admin.email].sort());
    expect(seven[0].subject).toMatch(/Enterprise trial .* ends in 7 days/);
    await Promise.all([runTrialJob(plus(13 * DAY + 3600_000)), runTrialJob(plus(13 * DAY + 3600_000))]);
    await runTrialJob(plus(13 * DAY + 7200_000));
    const all = await mails(t.id);
    expect(all).toHaveLength(4);
    expect(all.slice(2).every((m) => /ends tomorrow/.test(m.subject))).toBe(true);

    const r = await runTrialJob(plus(14 * DAY + 60_000));
    expect(endedHere(r, [t.id])).toEqual([{ tenant_id: t.id, action: "convert" }]);
    expect(await state(t.id)).toMatchObject({ status: "active", plan: "enterprise", plan_key: "enterprise", sub_status: "active", is_trial: false });
    // Paid from the end of the trial: a charge for the rest of March (8 of 31 days of $499 = 12877).
    const charges = await ownerQuery<{ amount_cents: number }>("SELECT amount_cents FROM billing_pending_charges WHERE tenant_id = $1", [t.id]);
    expect(charges.map((c) => c.amount_cents)).toEqual([Math.round((49900 * 8) / 31)]);
    expect(endedHere(await runTrialJob(plus(15 * DAY)), [t.id])).toEqual([]);
    const [ev] = await ownerQuery<{ after: { action: string } }>("SELECT after FROM audit_events WHERE tenant_id = $1 AND action = 'subscription.trial_ended'", [t.id]);
    expect(ev.after.action).toBe("convert");
  });

  it("downgrade moves to basic; suspend suspends the tenant with a reason; a short trial gets only the 1-day reminder", async () => {
    const down = await makeTenant({ plan: "basic" });
    const susp = await makeTenant({ plan: "basic" });
    await startTrial(system, down.id, { plan: "professional", days: 3, trial_end_action: "downgrade" }, start);
    await startTrial(system, susp.id, { plan: "professional", days: 3 }, start);
    const put = await callRoute(trialRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${susp.id}/subscription/trial`, params: { id: susp.id }, key: await makeApiKey(), body: { trial_end_action: "suspend" } });
    expect([put.status, put.json.data.subscription.trial_end_action]).toEqual([200, "suspend"]);
    expect(await codeOf(startTrial(system, susp.id, { plan: "enterprise" }, start))).toBe("invalid_state");

    await runTrialJob(plus(DAY));
    expect(await mails(down.id)).toEqual([]);
    await runTrialJob(plus(2 * DAY + 3600_000));
    expect((await mails(down.id)).map((m) => m.subject)).toEqual([expect.stringMatching(/ends tomorrow/)]);

    const r = await runTrialJob(plus(3 * DAY));
    expect(endedHere(r, [down.id, susp.id])).toEqual(
      [
        { tenant_id: down.id, action: "downgrade" },
        { tenant_id: susp.id, action: "suspend" },
      ].sort((a, b) => a.tenant_id.localeCompare(b.tenant_id)),
    );
    expect(await state(down.id)).toMatchObject({ status: "active", plan: "basic", plan_key: "basic", sub_status: "active", is_trial: false });
    expect(await state(susp.id)).toMatchObject({ status: "suspended", suspended_reason: "The professional trial ended", sub_status: "canceled", is_trial: false });
  });

  it("bad trial input is a 400 naming the field", async () => {
    const t = await makeTenant({ plan: "basic" });
    const r = await callRoute(trialRoute.POST, { method: "POST", path: `/api/v1/tenants/${t.id}/subscription/trial`, params: { id: t.id }, key: await makeApiKey(), body: { plan: "enterprise", days: 0, trial_end_action: "explode" } });
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["days", "trial_end_action"]);
    expect(await state(t.id)).toMatchObject({ plan: "basic", sub_status: "active" });
  });
});
