import { describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { makeTenant, uniq } from "../support/fixtures";

describe("accepting on a tenant's host", () => {
  it("finds only that tenant's invitations", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const email = `${uniq("inv")}@example.com`;
    const { results } = await inviteMembers(platformActor(systemCaller("test")), a.id, { emails: [email], role: "member" });
    const invited = results[0];
    if (invited.status !== "invited") throw new Error(`expected an invitation, got ${invited.status}`);
    const input = { token: invited.token, name: "Host Check", password: "a long enough password" };

    await expect(acceptInvitation(input, undefined, { expectedTenantId: b.id })).rejects.toMatchObject({ code: "not_found" });
    const joined = await acceptInvitation(input, undefined, { expectedTenantId: a.id });
    expect(joined).toMatchObject({ tenant_id: a.id, email, role: "member", account_created: true });
  });
});
