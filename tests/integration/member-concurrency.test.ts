import { describe, expect, it } from "vitest";
import { failure } from "@/lib/http/respond";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { reactivateMember, suspendMember } from "@/lib/members/change-member-status";
import { removeMemberRole } from "@/lib/members/member-roles";
import { updateMember } from "@/lib/members/update-member";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";
import { addMember, memberActor, ownerOf } from "../support/tenant-members";

// Issue 8 item 3: 20 parallel role/status changes on one tenant deadlocked in
// PostgreSQL (40P01) and answered 500. Every outcome must now be a business
// answer (the HTTP status the API would send is < 500).

/** A small deterministic generator, so a failing round can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The HTTP status and code the API would answer for this outcome. */
async function outcome(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
    return { status: 200, code: "ok" };
  } catch (err) {
    const res = failure(err);
    const body = (await res.json()) as { error: { code: string } };
    return { status: res.status, code: body.error.code };
  }
}

describe("concurrent member changes on one tenant", () => {
  it("3 rounds of 20 parallel role changes and suspensions across owners and admins: no 5xx, always an active owner", async () => {
    const t = await makeTenant();
    const owners = [await ownerOf(t.id), ...(await Promise.all([addMember(t.id, "owner"), addMember(t.id, "owner")])).map((m) => m.id)];
    const admins = (await Promise.all([addMember(t.id, "admin"), addMember(t.id, "admin"), addMember(t.id, "admin")])).map((m) => m.id);
    const others = (await Promise.all([addMember(t.id, "manager"), addMember(t.id, "member"), addMember(t.id, "viewer")])).map((m) => m.id);
    const people = [...owners, ...admins, ...others];
    const actors = [...owners, ...admins];
    const roles = ["owner", "admin", "manager", "member"];

    for (let round = 0; round < 3; round++) {
      const rnd = random(1000 + round);
      const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
      const ops = Array.from({ length: 20 }, () => {
        const actor = memberActor(t.id, pick(actors));
        const target = pick(people);
        switch (Math.floor(rnd() * 5)) {
          case 0:
          case 1:
            return () => changeMemberRole(actor, t.id, target, { role: pick(roles) });
          case 2:
            return () => suspendMember(actor, t.id, target);
          case 3:
            return () => reactivateMember(actor, t.id, target);
          default:
            return rnd() < 0.5 ? () => updateMember(actor, t.id, target, { role: pick(roles), status: pick(["active", "suspended"]) }) : () => removeMemberRole(actor, t.id, target, "admin");
        }
      });
      const results = await Promise.all(ops.map((op) => outcome(op())));
      const serverErrors = results.filter((r) => r.status >= 500);
      expect(serverErrors, `round ${round}: ${JSON.stringify(results)}`).toEqual([]);
      // Refusals are business answers only (forbidden, conflicting state, missing role holder…).
      for (const r of results) expect(["ok", "admin_privileges_required", "tenant_access_denied", "invalid_state", "not_found", "tenant_limit_exceeded"]).toContain(r.code);

      const activeOwners = await ownerQuery("SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'owner' AND status = 'active'", [t.id]);
      expect(activeOwners.length, `round ${round}`).toBeGreaterThanOrEqual(1);

      // Bring everyone back (as the platform would) so the next round starts with many owners and admins again.
      await ownerQuery("UPDATE memberships SET status = 'active', role = CASE WHEN user_id = ANY($2) THEN 'owner' WHEN user_id = ANY($3) THEN 'admin' ELSE role END WHERE tenant_id = $1", [
        t.id,
        owners,
        admins,
      ]);
    }
  });
});
