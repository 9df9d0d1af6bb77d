import { describe, expect, it } from "vitest";
import { updateBranding } from "@/lib/branding/update-branding";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { portalOverview } from "@/lib/portal/portal-overview";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember, memberActor, ownerOf, setUserLimit } from "../support/tenant-members";

describe("portal overview", () => {
  it("gives the owner the figures and a checklist that ticks as steps are done", async () => {
    const t = await makeTenant({ plan: "basic" });
    const owner = memberActor(t.id, await ownerOf(t.id));
    const first = await portalOverview(owner, t.id);
    expect(first).toMatchObject({ plan: "Basic", people: { members: 1, pending: 0, seatsUsed: 1 }, domains: { total: 0, verified: 0, primary: null } });
    expect(first.checklist.map((s) => [s.key, s.href, s.done])).toEqual([
      ["invite", "/members", false],
      ["branding", "/branding", false],
      ["domain", "/domains", false],
      ["api_key", "/api-keys", false],
    ]);

    await setUserLimit(t.id, 5);
    await inviteMembers(owner, t.id, { emails: [`${uniq("o")}@overview.test`], role: "member" });
    await updateBranding(owner, t.id, { company_name: "Overview Co" });
    const after = await portalOverview(owner, t.id);
    expect(after.people).toEqual({ members: 1, pending: 1, seatsUsed: 2, seatLimit: 5 });
    expect(Object.fromEntries(after.checklist.map((s) => [s.key, s.done]))).toEqual({ invite: true, branding: true, domain: false, api_key: false });
  });

  it("shows a viewer only what their role opens: no administration steps, no domain status", async () => {
    const t = await makeTenant();
    const viewer = await addMember(t.id, "viewer");
    const r = await portalOverview(memberActor(t.id, viewer.id), t.id);
    expect(r.checklist).toEqual([]);
    expect(r.domains).toBeNull();
    expect(r.people).toMatchObject({ members: 2 });
  });

  it("refuses another tenant's member", async () => {
    const [a, b] = [await makeTenant(), await makeTenant()];
    await expect(portalOverview(memberActor(a.id, await ownerOf(a.id)), b.id)).rejects.toMatchObject({ code: "cross_tenant_access_denied" });
  });
});
