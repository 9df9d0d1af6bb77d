import { beforeAll, describe, expect, it } from "vitest";
import * as broadcastRoute from "@/app/api/v1/tenants/broadcast/route";
import * as notificationsRoute from "@/app/api/v1/tenants/[id]/notifications/route";
import * as messagesRoute from "@/app/api/v1/tenants/[id]/messages/route";
import * as broadcastsRoute from "@/app/api/v1/broadcasts/route";
import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { activeMaintenance } from "@/lib/notifications/active-maintenance";
import { cancelBroadcast } from "@/lib/notifications/cancel-broadcast";
import { createBroadcast } from "@/lib/notifications/create-broadcast";
import { listInbox, markAllRead, markRead, memberInbox, staffInbox, unreadCount } from "@/lib/notifications/inbox";
import { listBroadcasts } from "@/lib/notifications/list-broadcasts";
import { notifyStaff } from "@/lib/notifications/notify-staff";
import { runDueNotifications } from "@/lib/notifications/run-due-notifications";
import { sendTenantNotification } from "@/lib/notifications/send-tenant-notification";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";

const admin = staffCaller("admin");
const staff = platformActor(admin);
const HOUR = 3_600_000;

const inboxOf = (tenantId: string, userId: string, now?: Date) => listInbox(memberInbox(memberActor(tenantId, userId)), { now });
const mailsTo = async (email: string) => (await ownerQuery<{ subject: string }>("SELECT subject FROM mail_outbox WHERE to_address = $1 AND kind = 'notification' ORDER BY created_at", [email])).map((r) => r.subject);
const setPrefs = (tenantId: string, userId: string, notifications: Record<string, boolean>) =>
  ownerQuery("UPDATE memberships SET preferences = jsonb_build_object('notifications', $3::jsonb) WHERE tenant_id = $1 AND user_id = $2", [tenantId, userId, JSON.stringify(notifications)]);
const tag = (tenantId: string, tags: string[]) => ownerQuery("UPDATE tenants SET settings = settings || jsonb_build_object('tags', $2::jsonb) WHERE id = $1", [tenantId, JSON.stringify(tags)]);
const count = async (sql: string, params: unknown[]) => (await ownerQuery<{ n: number }>(sql, params))[0].n;

describe("broadcast targeting", () => {
  let T: string;
  let ent: { id: string }, pro: { id: string }, untagged: { id: string }, suspended: { id: string };
  const members: Record<string, { id: string; email: string }> = {};

  beforeAll(async () => {
    T = uniq("tag-");
    [ent, pro, untagged, suspended] = await Promise.all([makeTenant({ plan: "enterprise" }), makeTenant({ plan: "professional" }), makeTenant({ plan: "enterprise" }), makeTenant({ plan: "enterprise" })]);
    await Promise.all([tag(ent.id, [T, "eu"]), tag(pro.id, [T]), tag(suspended.id, [T])]);
    await ownerQuery("UPDATE tenants SET status = 'suspended' WHERE id = $1", [suspended.id]);
    for (const t of [ent, pro, untagged, suspended]) members[t.id] = await addMember(t.id, "member");
  });

  it("a dry run counts only the matching tenants' active members and writes nothing", async () => {
    const before = await count("SELECT count(*)::int AS n FROM broadcasts", []);
    const r = await createBroadcast(admin, { filter: { plan: "enterprise", tag: T }, title: "Hi", body: "Hello", severity: "info", dry_run: true });
    // ent: its owner and the member.
    expect(r).toEqual({ dry_run: true, audience: { tenants: 1, members: 2 } });
    expect(await createBroadcast(admin, { filter: { tag: T }, title: "Hi", body: "Hello", severity: "info", dry_run: true })).toEqual({ dry_run: true, audience: { tenants: 2, members: 4 } });
    expect(await createBroadcast(admin, { filter: { tag: T, status: "suspended" }, title: "Hi", body: "Hello", severity: "info", dry_run: true })).toEqual({ dry_run: true, audience: { tenants: 1, members: 2 } });
    expect(await count("SELECT count(*)::int AS n FROM broadcasts", [])).toBe(before);
  });

  it("sends to the members of matching tenants only (plan + tag), one notification per tenant, with statistics", async () => {
    const title = uniq("Plan and tag ");
    const r = await createBroadcast(admin, { filter: { plan: "enterprise", tag: T }, title, body: "Only enterprise tenants tagged", severity: "maintenance" });
    if (r.dry_run) throw new Error("expected a broadcast");
    expect(r.broadcast.status).toBe("sending");
    await runDueNotifications();
    for (const t of [ent, pro, untagged, suspended]) {
      const inbox = await inboxOf(t.id, members[t.id].id);
      expect(inbox.items.some((i) => i.title === title), t.id).toBe(t === ent);
    }
    const [b] = (await listBroadcasts(admin)).filter((x) => x.id === r.broadcast.id);
    expect(b).toMatchObject({ status: "sent", tenants_total: 1, tenants_done: 1, stats: { recipients: 2, emailed: 2, read: 0 } });
    await markRead(memberInbox(memberActor(ent.id, members[ent.id].id)), [(await inboxOf(ent.id, members[ent.id].id)).items.find((i) => i.title === title)!.id]);
    expect((await listBroadcasts(admin)).find((x) => x.id === r.broadcast.id)!.stats.read).toBe(1);
    // Running the job again sends nothing twice.
    await runDueNotifications();
    expect(await count("SELECT count(*)::int AS n FROM notifications WHERE broadcast_id = $1", [r.broadcast.id])).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'broadcast.sent'", [ent.id])).toBe(1);
  });

  it("status: suspended reaches the suspended tenant alone", async () => {
    const title = uniq("Suspended ");
    await createBroadcast(admin, { filter: { status: "suspended", tag: T }, title, body: "Pay up", severity: "billing" });
    await runDueNotifications();
    const got = await ownerQuery<{ tenant_id: string }>("SELECT tenant_id FROM notifications WHERE title = $1", [title]);
    expect(got.map((g) => g.tenant_id)).toEqual([suspended.id]);
  });

  it("a scheduled broadcast waits for send_at (fixed clock) and can be cancelled before it", async () => {
    const t0 = new Date();
    const title = uniq("Later ");
    const r = await createBroadcast(admin, { filter: { tenant_ids: [pro.id] }, title, body: "Soon", severity: "info", send_at: new Date(t0.getTime() + HOUR).toISOString() }, t0);
    if (r.dry_run) throw new Error("expected a broadcast");
    expect(r.broadcast.status).toBe("scheduled");
    await runDueNotifications(new Date(t0.getTime() + HOUR / 2));
    expect((await inboxOf(pro.id, members[pro.id].id)).items.some((i) => i.title === title)).toBe(false);
    await runDueNotifications(new Date(t0.getTime() + HOUR + 1000));
    expect((await inboxOf(pro.id, members[pro.id].id, new Date(t0.getTime() + HOUR + 2000))).items.some((i) => i.title === title)).toBe(true);
    expect(await codeOf(cancelBroadcast(admin, r.broadcast.id))).toBe("invalid_state");

    const later = await createBroadcast(admin, { filter: { tenant_ids: [pro.id] }, title: "Never", body: "x", severity: "info", send_at: new Date(t0.getTime() + 2 * HOUR).toISOString() }, t0);
    if (later.dry_run) throw new Error("expected a broadcast");
    expect((await cancelBroadcast(admin, later.broadcast.id)).status).toBe("canceled");
    await runDueNotifications(new Date(t0.getTime() + 3 * HOUR));
    expect(await count("SELECT count(*)::int AS n FROM notifications WHERE broadcast_id = $1", [later.broadcast.id])).toBe(0);
  });

  it("the route: dry_run answers 200 with the audience, bad input a 400 naming the field, writing nothing; an auditor is refused", async () => {
    const key = await makeApiKey(["tenants:update", "tenants:read"]);
    // A preview checks the filter alone: the message may still be empty.
    const dry = await callRoute(broadcastRoute.POST, { method: "POST", path: "/api/v1/tenants/broadcast", key, body: { filter: { tag: T }, title: "", dry_run: true } });
    expect([dry.status, dry.json.data.audience]).toEqual([200, { tenants: 2, members: 4 }]);
    const badPreview = await callRoute(broadcastRoute.POST, { method: "POST", path: "/api/v1/tenants/broadcast", key, body: { filter: { plan: "gold" }, dry_run: true } });
    expect([badPreview.status, badPreview.json.error.details[0].path]).toEqual([400, "filter.plan"]);
    const before = await count("SELECT count(*)::int AS n FROM broadcasts", []);
    for (const [body, field] of [
      [{ filter: { tag: T }, title: "x", body: "y", severity: "urgent" }, "severity"],
      [{ filter: {}, title: "x", body: "y", severity: "info" }, "filter"],
      [{ filter: "all", title: "", body: "y", severity: "info" }, "title"],
      [{ filter: "all", title: "x", body: "y", severity: "info", window: { start: "2026-01-02T00:00:00Z", end: "2026-01-01T00:00:00Z" } }, "window.end"],
      [{ filter: "all", title: "x", body: "y", severity: "info", send_at: "tomorrow" }, "send_at"],
    ] as const) {
      const r = await callRoute(broadcastRoute.POST, { method: "POST", path: "/api/v1/tenants/broadcast", key, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(field);
    }
    expect(await count("SELECT count(*)::int AS n FROM broadcasts", [])).toBe(before);
    const auditorKey = await makeApiKey(["tenants:read"]);
    expect((await callRoute(broadcastRoute.POST, { method: "POST", path: "/api/v1/tenants/broadcast", key: auditorKey, body: {} })).status).toBe(403);
    const list = await callRoute(broadcastsRoute.GET, { path: "/api/v1/broadcasts", key: auditorKey });
    expect(list.status).toBe(200);
    expect(list.json.data.broadcasts.length).toBeGreaterThan(0);
  });
});

describe("one tenant's notifications", () => {
  let A: { id: string; slug: string };
  let B: { id: string; slug: string };
  let owner: string, adminUser: { id: string; email: string }, plain: { id: string; email: string }, noMail: { id: string; email: string }, noInbox: { id: string; email: string };
  let bMember: { id: string; email: string };

  beforeAll(async () => {
    [A, B] = await Promise.all([makeTenant(), makeTenant()]);
    owner = await ownerOf(A.id);
    adminUser = await addMember(A.id, "admin");
    plain = await addMember(A.id, "member");
    noMail = await addMember(A.id, "member");
    noInbox = await addMember(A.id, "viewer");
    await setPrefs(A.id, noMail.id, { email: false });
    await setPrefs(A.id, noInbox.id, { in_app: false });
    bMember = await addMember(B.id, "member");
  });

  it("respects each member's preferences: mail off → inbox only; in-app off → mail only", async () => {
    const title = uniq("Prefs ");
    const n = await sendTenantNotification(staff, A.id, { title, body: "Body", severity: "security" });
    // owner, admin, plain and noMail get inbox rows; everyone but noMail gets a mail.
    expect(n).toMatchObject({ status: "sent", recipients: 4, emailed: 4 });
    expect((await inboxOf(A.id, noMail.id)).items.map((i) => i.title)).toContain(title);
    expect(await mailsTo(noMail.email)).toEqual([]);
    expect((await inboxOf(A.id, noInbox.id)).items.map((i) => i.title)).not.toContain(title);
    expect(await mailsTo(noInbox.email)).toEqual([expect.stringContaining(title)]);
    expect(await mailsTo(plain.email)).toEqual([expect.stringContaining(title)]);
    expect(await count("SELECT count(*)::int AS n FROM notification_recipients WHERE notification_id = $1 AND user_id = $2", [n.id, noInbox.id])).toBe(0);
  });

  it("targets roles by key or name; an unknown role is a 400 naming roles.<n> and writes nothing", async () => {
    const title = uniq("Admins ");
    const n = await sendTenantNotification(staff, A.id, { title, body: "Admins only", severity: "info", roles: ["Admin", "owner"] });
    expect(n.roles?.sort()).toEqual(["admin", "owner"]);
    expect((await inboxOf(A.id, adminUser.id)).items.map((i) => i.title)).toContain(title);
    expect((await inboxOf(A.id, owner)).items.map((i) => i.title)).toContain(title);
    expect((await inboxOf(A.id, plain.id)).items.map((i) => i.title)).not.toContain(title);
    const before = await count("SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1", [A.id]);
    const err = await sendTenantNotification(staff, A.id, { title: "x", body: "y", severity: "info", roles: ["member", "wizards"] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid_request", details: [{ path: "roles.1" }] });
    expect(await count("SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1", [A.id])).toBe(before);
  });

  it("a scheduled send happens only after send_at (fixed clock), by the job", async () => {
    const t0 = new Date();
    const title = uniq("Scheduled ");
    const n = await sendTenantNotification(staff, A.id, { title, body: "Later", severity: "info", send_at: new Date(t0.getTime() + HOUR).toISOString() }, t0);
    expect(n.status).toBe("scheduled");
    expect(await mailsTo(plain.email)).not.toContainEqual(expect.stringContaining(title));
    await runDueNotifications(new Date(t0.getTime() + HOUR - 1000));
    expect((await inboxOf(A.id, plain.id, new Date(t0.getTime() + HOUR))).items.map((i) => i.title)).not.toContain(title);
    await runDueNotifications(new Date(t0.getTime() + HOUR + 1000));
    expect((await inboxOf(A.id, plain.id, new Date(t0.getTime() + HOUR + 2000))).items.map((i) => i.title)).toContain(title);
    expect(await mailsTo(plain.email)).toContainEqual(expect.stringContaining(title));
    expect(await count("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'notification.sent' AND target_id = $2", [A.id, n.id])).toBe(1);
  });

  it("a maintenance notice for everyone is active during its window only; one for some roles never shows as a banner", async () => {
    const now = new Date();
    const window = { start: new Date(now.getTime() + HOUR).toISOString(), end: new Date(now.getTime() + 3 * HOUR).toISOString() };
    const title = uniq("Database upgrade ");
    await sendTenantNotification(staff, B.id, { title, body: "Read-only for two hours", severity: "maintenance", window }, now);
    await sendTenantNotification(staff, B.id, { title: "Admins only", body: "x", severity: "maintenance", window, roles: ["admin"] }, now);
    expect(await activeMaintenance(B.id, now)).toEqual([]);
    const during = await activeMaintenance(B.id, new Date(now.getTime() + 2 * HOUR));
    expect(during.map((n) => n.title)).toEqual([title]);
    expect(await activeMaintenance(B.id, new Date(now.getTime() + 4 * HOUR))).toEqual([]);
    expect(await activeMaintenance(A.id, new Date(now.getTime() + 2 * HOUR))).toEqual([]);
    // A window belongs to maintenance notices only.
    expect(await codeOf(sendTenantNotification(staff, B.id, { title: "x", body: "y", severity: "info", window }))).toBe("invalid_request");
  });

  it("an expired notification leaves the inbox and the unread count", async () => {
    const now = new Date();
    const title = uniq("Expiring ");
    await sendTenantNotification(staff, B.id, { title, body: "Gone soon", severity: "info", expires_at: new Date(now.getTime() + HOUR).toISOString() }, now);
    const me = memberInbox(memberActor(B.id, bMember.id));
    expect((await listInbox(me, { now })).items.map((i) => i.title)).toContain(title);
    const unreadNow = await unreadCount(me, now);
    const later = new Date(now.getTime() + 2 * HOUR);
    expect((await listInbox(me, { now: later })).items.map((i) => i.title)).not.toContain(title);
    expect(await unreadCount(me, later)).toBe(unreadNow - 1);
  });

  it("mark read and mark all read: unread first, then counted down to zero", async () => {
    const me = memberInbox(memberActor(A.id, plain.id));
    for (const t of ["one", "two", "three"]) await sendTenantNotification(staff, A.id, { title: uniq(`${t} `), body: t, severity: "info" });
    const before = await listInbox(me);
    expect(before.unread).toBeGreaterThanOrEqual(3);
    const first = before.items[0];
    expect(first.read).toBe(false);
    expect((await markRead(me, [first.id])).unread).toBe(before.unread - 1);
    const after = await listInbox(me);
    // The one read moved behind every unread one.
    const idx = after.items.findIndex((i) => i.id === first.id);
    expect(after.items.slice(0, idx).every((i) => !i.read)).toBe(true);
    expect((await markAllRead(me)).unread).toBe(0);
    expect(await unreadCount(me)).toBe(0);
  });

  it("RLS: a member never sees, or marks, another tenant's notification", async () => {
    const title = uniq("Private to A ");
    const n = await sendTenantNotification(staff, A.id, { title, body: "A only", severity: "billing" });
    expect((await inboxOf(B.id, bMember.id)).items.map((i) => i.title)).not.toContain(title);
    // In B's scope, A's rows do not exist, even by id.
    expect(await withTenantScope(B.id, (tx) => tx.notification.count({ where: { id: n.id } }))).toBe(0);
    expect(await withTenantScope(B.id, (tx) => tx.notificationRecipient.count({ where: { notificationId: n.id } }))).toBe(0);
    // A member of B naming A's notification marks nothing (and the A member's row stays unread).
    await markRead(memberInbox(memberActor(B.id, bMember.id)), [n.id]);
    expect(await count("SELECT count(*)::int AS n FROM notification_recipients WHERE notification_id = $1 AND read_at IS NOT NULL", [n.id])).toBe(0);
    // A member of B asking for A's inbox is refused.
    expect(await codeOf(listInbox({ kind: "member", tenantId: A.id, userId: bMember.id, actor: memberActor(A.id, bMember.id) }))).toBe("tenant_access_denied");
  });

  it("the routes: POST 201 with counts, GET messages with read counts; a viewer's key cannot send; 20 parallel sends never fail", async () => {
    const key = await makeApiKey(["tenants:update", "tenants:read"]);
    const post = (body: unknown) => callRoute(notificationsRoute.POST, { method: "POST", path: `/api/v1/tenants/${B.id}/notifications`, params: { id: B.id }, key, body });
    const r = await post({ title: "Via API", body: "Hello", severity: "info" });
    expect(r.status).toBe(201);
    expect(r.json.data.notification).toMatchObject({ status: "sent", recipients: 2 });
    const bad = await post({ title: "Via API", body: "Hello", severity: "info", link: "javascript:alert(1)" });
    expect([bad.status, bad.json.error.details[0].path]).toEqual([400, "link"]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post({ title: `Parallel ${i}`, body: "p", severity: "info" })));
    expect(results.map((x) => x.status)).toEqual(Array(20).fill(201));
    const list = await callRoute(messagesRoute.GET, { path: `/api/v1/tenants/${B.id}/messages`, params: { id: B.id }, key });
    expect(list.status).toBe(200);
    expect(list.json.data.messages.filter((m: { title: string }) => m.title.startsWith("Parallel ")).length).toBe(20);
    const viewerKey = await makeApiKey(["tenants:read"]);
    expect((await callRoute(notificationsRoute.POST, { method: "POST", path: `/api/v1/tenants/${B.id}/notifications`, params: { id: B.id }, key: viewerKey, body: {} })).status).toBe(403);
  });
});

describe("staff notices", () => {
  it("notifyStaff reaches staff whose role holds the permission, in the console inbox only", async () => {
    const [adminUser, auditor] = await withPlatformScope(async (tx) => {
      const a = await tx.user.create({ data: { id: uniq("user_"), email: `${uniq("a")}@staff.test`, name: "Admin", platformRole: "admin" } });
      const b = await tx.user.create({ data: { id: uniq("user_"), email: `${uniq("b")}@staff.test`, name: "Auditor", platformRole: "auditor" } });
      return [a, b];
    });
    const title = uniq("Bulk finished ");
    await withPlatformScope((tx) => notifyStaff(tx, { title, body: "3 tenants changed", severity: "info", link: "/tenants", permission: "tenants:update" }));
    expect((await listInbox(staffInbox(staffCaller("admin", adminUser.id)))).items.map((i) => i.title)).toContain(title);
    expect((await listInbox(staffInbox(staffCaller("auditor", auditor.id)))).items.map((i) => i.title)).not.toContain(title);
    // Staff notices have no tenant: a tenant's scope refuses them.
    const A = await makeTenant();
    await expect(withTenantScope(A.id, (tx) => notifyStaff(tx, { title: "x", body: "y", severity: "info" }))).rejects.toThrow();
    expect(await codeOf(Promise.resolve().then(() => staffInbox(systemCaller("job"))))).toBe("authentication_required");
  });
});
