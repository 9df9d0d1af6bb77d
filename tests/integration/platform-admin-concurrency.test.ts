import { describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { failure } from "@/lib/http/respond";
import { newId } from "@/lib/ids";
import { changePlatformRole } from "@/lib/users/change-platform-role";
import { changeUserStatus } from "@/lib/users/change-user-status";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { ownerQuery } from "../support/db";
import { isolateDatabase } from "../support/isolated-database";

// Issue 8 item 3, platform side: lockActiveAdmins then lockUser took row locks
// in two statements whose order could cross between transactions (40P01 → 500).
// "The last active admin" is platform-wide, so this file has its own database.
isolateDatabase();

async function outcome(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
    return { status: 200, code: "ok" };
  } catch (err) {
    const res = failure(err);
    return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
  }
}

describe("concurrent platform role and status changes", () => {
  it("3 rounds of 20 parallel demotions, promotions, suspensions and re-creations: no 5xx, always an active admin", async () => {
    const ids = Array.from({ length: 6 }, () => newId("user"));
    for (const [i, id] of ids.entries()) {
      await ownerQuery("INSERT INTO users (id, email, name, platform_role) VALUES ($1, $2, 'Staff', 'admin')", [id, `staff${i}-${id}@users.test`]);
    }
    const emails = (await ownerQuery<{ email: string }>("SELECT email FROM users WHERE id = ANY($1) ORDER BY id", [ids])).map((r) => r.email);
    const system = systemCaller("test");
    for (let round = 0; round < 3; round++) {
      const ops = Array.from({ length: 20 }, (_, k) => {
        const target = ids[(k * 7 + round) % ids.length];
        switch ((k + round) % 5) {
          case 0:
            return () => changePlatformRole(system, target, "operator");
          case 1:
            return () => changePlatformRole(system, target, "admin");
          case 2:
            return () => changeUserStatus(system, target, "suspended");
          case 3:
            return () => changeUserStatus(system, target, "active");
          default:
            return () => createStaffUser(system, { email: emails[(k + round) % emails.length], name: "Staff", password: "a long enough password", platform_role: "auditor" });
        }
      });
      const results = await Promise.all(ops.map((op) => outcome(op())));
      expect(results.filter((r) => r.status >= 500), `round ${round}: ${JSON.stringify(results)}`).toEqual([]);
      for (const r of results) expect(["ok", "invalid_state"]).toContain(r.code);
      const admins = await ownerQuery("SELECT id FROM users WHERE platform_role = 'admin' AND status = 'active'");
      expect(admins.length, `round ${round}`).toBeGreaterThanOrEqual(1);
      await ownerQuery("UPDATE users SET platform_role = 'admin', status = 'active' WHERE id = ANY($1)", [ids]);
    }
  });
});
