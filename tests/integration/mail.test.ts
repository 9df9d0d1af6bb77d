import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as inviteRoute from "@/app/api/v1/tenants/[id]/users/invite/route";
import { withTenantScope } from "@/lib/db/scope";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteMembers, type InviteResult } from "@/lib/invitations/invite-members";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { deliverPendingMail, MAX_MAIL_ATTEMPTS } from "@/lib/mail/deliver-pending-mail";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { getOutboxMail } from "@/lib/mail/get-outbox-mail";
import { listOutbox } from "@/lib/mail/list-outbox";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";
import { startLoopbackSmtp } from "../support/loopback-smtp";
import { codeOf, memberActor, ownerOf, setUserLimit } from "../support/tenant-members";

type MailRow = { id: string; tenant_id: string | null; to_address: string; subject: string; html: string | null; text: string | null; kind: string; status: string; attempts: number; last_error: string | null; sent_at: Date | null };
const mailsTo = (to: string) => ownerQuery<MailRow>("SELECT * FROM mail_outbox WHERE to_address = $1 ORDER BY created_at, id", [to]);
const root = () => process.env.APP_ROOT_DOMAIN ?? "localhost:3000";
const linkIn = (body: string, slug: string) => body.match(new RegExp(`http://${slug}\\.${root().replace(/\./g, "\\.")}/invite/([A-Za-z0-9_-]+)`))?.[1];

function invited(r: InviteResult) {
  if (r.status !== "invited") throw new Error(`expected an invitation for ${r.email}, got ${r.status}`);
  return r;
}

async function inviteOne(opts: { name?: string; email?: string; role?: string } = {}) {
  const t = await makeTenant({ name: opts.name });
  const owner = memberActor(t.id, await ownerOf(t.id));
  const email = opts.email ?? `${uniq("mail")}@mail.test`;
  const r = invited((await inviteMembers(owner, t.id, { emails: [email], role: opts.role ?? "member" })).results[0]);
  return { t, owner, email, token: r.token, invitation: r.invitation };
}

describe("invitation email through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startLoopbackSmtp>>;
  beforeAll(async () => {
    smtp = await startLoopbackSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(() => {
    process.env.SMTP_URL = smtp.url;
    smtp.refuse.clear();
    smtp.state.delayMs = 0;
  });
  afterEach(() => {
    delete process.env.SMTP_URL;
  });

  it("sends right after the invitation commits: recipient, subject, a link on the stored tenant host that accepts; the sent row keeps no body", async () => {
    const { t, email, token } = await inviteOne({ name: "Globex & Partners", role: "viewer" });
    const [row] = await mailsTo(email);
    expect(row.status, `delivered after commit, without waiting for the job (${row.last_error})`).toBe("sent");
    const [msg] = smtp.to(email);
    expect(msg.to).toEqual([email]);
    expect(msg.from).toBe("no-reply@localhost");
    expect(msg.subject).toBe("You're invited to join Globex & Partners");
    expect(msg.body).toContain("Globex &amp; Partners"); // the HTML part, escaped
    expect(msg.body).toContain("as Viewer");
    const linked = linkIn(msg.body, t.slug);
    expect(linked).toBe(token);

    expect(row).toMatchObject({ tenant_id: t.id, kind: "invitation", status: "sent", attempts: 1, last_error: null, html: null, text: null, subject: msg.subject });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.to(email)).toHaveLength(1);

    const joined = await acceptInvitation({ token: linked!, name: "Mailed Person", password: "a long enough password" });
    expect(joined).toMatchObject({ tenant_id: t.id, email, role: "viewer", account_created: true });
  });

  it("a refused recipient leaves the row failed with the error; it is retried when due and sent once the server accepts", async () => {
    const email = `${uniq("refused")}@mail.test`;
    smtp.refuse.add(email);
    const { t, token } = await inviteOne({ email });
    let [row] = await mailsTo(email);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toMatch(/550|Mailbox unavailable|rejected/i);
    expect(row.text).toContain(token); // kept until it is delivered

    // Not due yet (backoff), so nothing happens.
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0 });
    const later = (min: number) => new Date(Date.now() + min * 60_000);
    expect(await deliverPendingMail({ now: later(2) })).toEqual({ sent: 0, failed: 1 });
    [row] = await mailsTo(email);
    expect(row).toMatchObject({ status: "failed", attempts: 2 });

    smtp.refuse.delete(email);
    expect(await deliverPendingMail({ now: later(10) })).toEqual({ sent: 1, failed: 0 });
    [row] = await mailsTo(email);
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null, html: null, text: null });
    expect(linkIn(smtp.to(email)[0].body, t.slug)).toBe(token);
  });

  it(`gives up after ${MAX_MAIL_ATTEMPTS} attempts`, async () => {
    const email = `${uniq("dead")}@mail.test`;
    smtp.refuse.add(email);
    await inviteOne({ email });
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    for (let i = 1; i <= MAX_MAIL_ATTEMPTS; i++) await deliverPendingMail({ now: day(i) });
    const [row] = await mailsTo(email);
    // Given up for good, the mail no longer holds the invitation link.
    expect(row).toMatchObject({ status: "failed", attempts: MAX_MAIL_ATTEMPTS, html: null, text: null });
    smtp.refuse.delete(email);
    expect(await deliverPendingMail({ now: day(30) })).toEqual({ sent: 0, failed: 0 });
    expect((await mailsTo(email))[0]).toMatchObject({ status: "failed", attempts: MAX_MAIL_ATTEMPTS });
    expect(smtp.to(email)).toEqual([]);
  });

  it("a rolled-back invitation (seat limit, 429) leaves no mail behind and sends nothing", async () => {
    const t = await makeTenant();
    const owner = memberActor(t.id, await ownerOf(t.id));
    await setUserLimit(t.id, 1); // the owner fills it
    const email = `${uniq("noseat")}@mail.test`;
    expect(await codeOf(inviteMembers(owner, t.id, { emails: [email], role: "member" }))).toBe("tenant_limit_exceeded");
    expect(await ownerQuery("SELECT 1 FROM mail_outbox WHERE tenant_id = $1", [t.id])).toEqual([]);
    expect(smtp.to(email)).toEqual([]);
  });

  it("resend mails a fresh link; the old mail's link no longer accepts", async () => {
    const { t, owner, email, token, invitation } = await inviteOne();
    const again = await resendInvitation(owner, t.id, invitation.id);
    const mails = smtp.to(email);
    expect(mails).toHaveLength(2);
    expect(linkIn(mails[1].body, t.slug)).toBe(again.token);
    expect(again.token).not.toBe(token);
    expect(await codeOf(acceptInvitation({ token, name: "Old Link", password: "a long enough password" }))).not.toBe("ok");
  });

  it("a hostile Host / X-Forwarded-Host on the request cannot move the link: it comes from the stored slug", async () => {
    const t = await makeTenant();
    const email = `${uniq("host")}@mail.test`;
    const res = await callRoute(inviteRoute.POST, {
      method: "POST",
      key: await makeApiKey(),
      path: `/api/v1/tenants/${t.id}/users/invite`,
      params: { id: t.id },
      headers: { "x-forwarded-host": "evil.example", forwarded: "host=evil.example", origin: "http://evil.example" },
      body: { emails: [email], role: "member" },
    });
    expect(res.status).toBe(201);
    const [msg] = smtp.to(email);
    expect(linkIn(msg.body, t.slug)).toBeTruthy();
    expect(msg.body).not.toContain("evil.example");
  });

  it("two deliverers running at once send each mail exactly once (FOR UPDATE SKIP LOCKED)", async () => {
    const t = await makeTenant();
    const emails = Array.from({ length: 6 }, () => `${uniq("race")}@mail.test`);
    // Written directly so they are all still pending when both runs start.
    await withTenantScope(t.id, async (tx) => {
      for (const to of emails) await enqueueMail(tx, { tenantId: t.id, to, subject: "Race", html: "<p>x</p>", text: "x", kind: "invitation" });
    });
    smtp.state.delayMs = 40;
    const runs = await Promise.all([deliverPendingMail(), deliverPendingMail(), deliverPendingMail()]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(emails.length);
    for (const to of emails) {
      expect(smtp.to(to), to).toHaveLength(1);
      expect((await mailsTo(to))[0]).toMatchObject({ status: "sent", attempts: 1 });
    }
  });
});

describe("without SMTP_URL: the outbox", () => {
  it("keeps the mail, link and all, as 'outbox'; delivery never sends it; the console lists it and shows it", async () => {
    delete process.env.SMTP_URL;
    const { t, email, token } = await inviteOne({ name: "Outbox Co" });
    const [row] = await mailsTo(email);
    expect(row).toMatchObject({ status: "outbox", attempts: 0, sent_at: null });
    const link = `http://${t.slug}.${root()}/invite/${token}`;
    expect(row.text).toContain(link);
    expect(row.html).toContain(`href="${link}"`);
    expect(await deliverPendingMail()).toEqual({ sent: 0, failed: 0 });
    expect((await mailsTo(email))[0].status).toBe("outbox");

    const { mails } = await listOutbox(staffCaller("auditor"));
    const listed = mails.find((m) => m.id === row.id);
    expect(listed).toMatchObject({ to: email, subject: "You're invited to join Outbox Co", status: "outbox", tenant: { id: t.id, slug: t.slug } });
    expect(JSON.stringify(mails)).not.toContain(token); // the list carries no bodies
    expect(mails.map((m) => m.created_at)).toEqual([...mails.map((m) => m.created_at)].sort().reverse());

    // The body is a live link: reading it takes what inviting takes.
    expect(await codeOf(getOutboxMail(staffCaller("auditor"), row.id))).toBe("admin_privileges_required");
    const detail = await getOutboxMail(staffCaller("operator"), row.id);
    expect(detail).toMatchObject({ id: row.id, to: email, status: "outbox", links: [link] });
    expect(detail.html).toContain(link);
    expect(await codeOf(getOutboxMail(staffCaller("operator"), "mail_0000000000000000"))).toBe("not_found");
  });

  it("tenant scope sees only its own tenant's mail", async () => {
    delete process.env.SMTP_URL;
    const a = await inviteOne();
    const b = await inviteOne();
    const seen = await withTenantScope(a.t.id, (tx) => tx.mailOutbox.findMany({ where: { toAddress: { in: [a.email, b.email] } }, select: { toAddress: true } }));
    expect(seen).toEqual([{ toAddress: a.email }]);
  });
});
