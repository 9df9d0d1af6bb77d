import { describe, expect, it } from "vitest";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());
const addUser = async (id: string, body: unknown) => callRoute(usersRoute.POST, { method: "POST", key: await key(), path: `/api/v1/tenants/${id}/users`, params: { id }, body });
const listUsers = async (id: string, query: string) => callRoute(usersRoute.GET, { key: await key(), path: `/api/v1/tenants/${id}/users?${query}`, params: { id } });

describe("POST /tenants/{id}/users with seed 000's profile and preferences", () => {
  it("accepts seed 000's own example body, stores profile and preferences, and returns them from the users list", async () => {
    const t = await makeTenant();
    const email = `${uniq("new.user")}@acme.com`;
    // Seed 000's example, word for word apart from the unique email.
    const body = {
      user: {
        email,
        name: "New User",
        password: "SecurePassword123!",
        role: "user",
        profile: { department: "Sales", location: "Chicago", phone: "+1-555-0123" },
        preferences: { timezone: "America/Chicago", locale: "en-US", notifications: { email: true, in_app: true } },
      },
    };
    const r = await addUser(t.id, body);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.data.user).toMatchObject({ email, name: "New User", role: "member", status: "active", tenant_id: t.id, profile: body.user.profile, preferences: body.user.preferences });

    const list = await listUsers(t.id, `search=${encodeURIComponent(email)}`);
    expect(list.status).toBe(200);
    expect(list.json.data.users).toEqual([expect.objectContaining({ email, profile: body.user.profile, preferences: body.user.preferences })]);
    // Members added without them read as empty objects, not null.
    const owner = (await listUsers(t.id, "role=owner")).json.data.users[0];
    expect([owner.profile, owner.preferences]).toEqual([{}, {}]);
  });

  it("refuses bad profile and preference values with the field named", async () => {
    const t = await makeTenant();
    const cases: [Record<string, unknown>, string][] = [
      [{ profile: { favourite_colour: "blue" } }, "user.profile.favourite_colour"],
      [{ profile: { department: "x".repeat(121) } }, "user.profile.department"],
      [{ profile: { phone: "call me maybe" } }, "user.profile.phone"],
      [{ profile: { location: 42 } }, "user.profile.location"],
      [{ preferences: { timezone: "Mars/Olympus_Mons" } }, "user.preferences.timezone"],
      [{ preferences: { locale: "not a locale!" } }, "user.preferences.locale"],
      [{ preferences: { notifications: { email: "yes" } } }, "user.preferences.notifications.email"],
      [{ preferences: { notifications: { pigeon: true } } }, "user.preferences.notifications.pigeon"],
    ];
    for (const [extra, path] of cases) {
      const r = await addUser(t.id, { user: { email: `${uniq("bad")}@acme.com`, name: "Bad", ...extra } });
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), JSON.stringify(extra)).toContain(path);
    }
  });
});
