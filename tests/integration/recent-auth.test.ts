import { beforeAll, describe, expect, it } from "vitest";
import * as reauthRoute from "@/app/api/sign-in/reauthenticate/route";
import { NO_META, systemCaller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { callerFromSessionCookie, memberFromSessionCookie } from "@/lib/auth/session-caller";
import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { createRole } from "@/lib/roles/create-role";
import { deleteRole } from "@/lib/roles/delete-role";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { setSecurityPolicy } from "../support/security-policy";
import { signedInSession } from "../support/session-cookie";
import { addMember, codeOf } from "../support/tenant-members";

const CONSOLE = "localhost:3000";
const PASSWORD = "correct horse battery staple";
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
const system = systemCaller("test");
/** The session signed in (or last re-authenticated) `minutes` ago. */
const age = (sid: string, minutes: number) =>
  ownerQuery("UPDATE auth_sessions SET created_at = now() - make_interval(mins => $2), reauthenticated_at = NULL WHERE id = $1", [sid, minutes]);

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";
});

async function reauthenticate(host: string, cookie: string, body: unknown) {
  const res = await reauthRoute.POST(
    new Request(`http://${host}/api/sign-in/reauthenticate`, { method: "POST", headers: { host, origin: `http://${host}`, cookie, "content-type": "application/json", "x-atrium-client-ip": "192.0.2.44" }, body: JSON.stringify(body) }),
  );
  return res.status;
}

describe("re-authentication for sensitive actions", () => {
  it("staff: deleting a tenant role needs a sign-in or re-authentication within 10 minutes; re-authenticating allows it again", async () => {
    const t = await makeTenant();
    const id = uniq("user_");
    await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Admin', $3, 'admin')", [id, `${id}@atrium.test`, passwordHash]);
    const s = await signedInSession({ userId: id, host: CONSOLE });
    const { role } = await createRole(platformActor(system), t.id, { name: `Temp ${uniq()}`, permissions: ["members:read"] });
    const actor = async () => platformActor((await callerFromSessionCookie(s.cookie, CONSOLE, NO_META))!);

    await age(s.sid, 9);
    await expect(assertRecentAuthentication(await actor(), "x")).resolves.toBeUndefined();
    await age(s.sid, 11);
    const err = await deleteRole(await actor(), t.id, role.id, { replacement_role: "member" }).catch((e) => e);
    expect([err.code, err.status, err.details]).toEqual(["reauthentication_required", 403, { max_age_seconds: 600 }]);
    expect(await ownerQuery("SELECT 1 FROM tenant_roles WHERE tenant_id = $1 AND id = $2", [t.id, role.id])).toHaveLength(1);

    expect(await reauthenticate(CONSOLE, s.cookie, { password: "wrong" })).toBe(401);
    expect(await codeOf(deleteRole(await actor(), t.id, role.id, { replacement_role: "member" }))).toBe("reauthentication_required");
    expect(await reauthenticate(CONSOLE, s.cookie, { password: PASSWORD })).toBe(200);
    expect(await codeOf(deleteRole(await actor(), t.id, role.id, { replacement_role: "member" }))).toBe("ok");
  });

  it("members: only when their tenant's policy asks; API keys and jobs never", async () => {
    const t = await makeTenant();
    const m = await addMember(t.id, "owner");
    await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [m.id, passwordHash]);
    const s = await signedInSession({ userId: m.id, host: hostOf(t), tenantId: t.id });
    const actor = async () => (await memberFromSessionCookie(s.cookie, hostOf(t), t.id, NO_META))!.actor;
    await age(s.sid, 30);
    const { role } = await createRole(platformActor(system), t.id, { name: `Temp ${uniq()}`, permissions: ["members:read"] });

    // Policy off: an old session may create a key.
    expect(await codeOf(createTenantApiKey(await actor(), t.id, { name: "old session", permissions: ["members:read"] }))).toBe("ok");

    await setSecurityPolicy(t.id, { reauth_for_sensitive_actions: true });
    expect(await codeOf(createTenantApiKey(await actor(), t.id, { name: "refused", permissions: ["members:read"] }))).toBe("reauthentication_required");
    expect(await codeOf(deleteRole(await actor(), t.id, role.id, { replacement_role: "member" }))).toBe("reauthentication_required");
    const { endpoint } = await createWebhookEndpoint(tenantOwner(platformActor(system), t.id), { url: "http://127.0.0.1:9/hook", event_types: ["role.created"] });
    expect(await codeOf(rotateWebhookSecret(tenantOwner(await actor(), t.id), endpoint.id))).toBe("reauthentication_required");
    expect(await ownerQuery("SELECT 1 FROM api_keys WHERE tenant_id = $1 AND name = 'refused'", [t.id])).toEqual([]);

    // A session that has no record on the request (jobs, keys, fixtures) is not asked.
    await expect(assertRecentAuthentication({ kind: "member", userId: m.id, tenantId: t.id, label: "x", meta: NO_META }, "x")).resolves.toBeUndefined();
    await expect(assertRecentAuthentication({ kind: "api_key", id: "key_x", tenantId: t.id, label: "k", permissions: [], meta: NO_META }, "x")).resolves.toBeUndefined();

    expect(await reauthenticate(hostOf(t), s.cookie, { password: PASSWORD })).toBe(200);
    expect(await codeOf(createTenantApiKey(await actor(), t.id, { name: "allowed", permissions: ["members:read"] }))).toBe("ok");
    expect(await codeOf(rotateWebhookSecret(tenantOwner(await actor(), t.id), endpoint.id))).toBe("ok");
    expect(await codeOf(deleteRole(await actor(), t.id, role.id, { replacement_role: "member" }))).toBe("ok");
  });
});
