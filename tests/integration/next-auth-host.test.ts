import { beforeAll, describe, expect, it, vi } from "vitest";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import * as passwordRoute from "@/app/api/sign-in/password/route";
import { decode } from "next-auth/jwt";
import { hashPassword } from "@/lib/auth/password";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";

// One scrypt derivation per sign-in.
vi.setConfig({ testTimeout: 60_000 });

const PASSWORD = "correct horse battery staple";
// Every way a client may name another host (or scheme) next to Host.
const FORGED = { "x-forwarded-host": "evil.test", "x-forwarded-proto": "https", "x-forwarded-port": "443", forwarded: "host=evil.test;proto=https" };

type Answer = { status: number; headers: Headers; text: string };

async function auth(host: string, path: string, opts: { method?: string; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const segments = path.replace(/^\/api\/auth\//, "").split("?")[0].split("/");
  const headers: Record<string, string> = { host, ...FORGED, ...opts.headers };
  if (opts.form) headers["content-type"] = "application/x-www-form-urlencoded";
  const req = new Request(`http://${host}${path}`, { method: opts.method ?? "GET", headers, body: opts.form ? new URLSearchParams(opts.form).toString() : undefined });
  const handler = req.method === "POST" ? authRoute.POST : authRoute.GET;
  const res = await handler(req, { params: Promise.resolve({ nextauth: segments }) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Nothing in the answer — body, Location, cookies — names a host other than `host`, and cookies stay host-only. */
function namesOnly(a: Answer, host: string) {
  const everything = [a.text, a.headers.get("location") ?? "", ...a.headers.getSetCookie()].join("\n");
  expect(everything).not.toMatch(/evil\.test/i);
  expect(everything).not.toMatch(/https:/);
  for (const url of everything.match(/https?:\/\/[^\s"';,&)]+/g) ?? []) expect(new URL(url).host, url).toBe(host);
  for (const c of a.headers.getSetCookie()) {
    expect(c).not.toMatch(/;\s*domain=/i);
    expect(c).not.toMatch(/__Secure-|__Host-/);
  }
}

/** The password step, as the login form posts it: the ticket it answers with. */
async function passwordTicket(host: string, email: string, password: string): Promise<string> {
  const res = await passwordRoute.POST(
    new Request(`http://${host}/api/sign-in/password`, { method: "POST", headers: { host, origin: `http://${host}`, "content-type": "application/json" }, body: JSON.stringify({ email, password }) }),
  );
  const body = await res.json();
  expect(body.data?.next, JSON.stringify(body)).toBe("complete");
  return body.data.ticket;
}

const cookieHeader = (a: Answer) => a.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

let passwordHash: string;
let tenantHost: string;
let tenantId: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  const t = await makeTenant();
  tenantId = t.id;
  tenantHost = `${t.slug}.localhost:3000`;
});

describe("next-auth speaks only for hosts Atrium serves, whatever X-Forwarded-Host says", () => {
  it("providers, csrf and signin on the console host and on a tenant host name that host only", async () => {
    for (const host of ["localhost:3000", tenantHost]) {
      const providers = await auth(host, "/api/auth/providers");
      expect(providers.status).toBe(200);
      // The only provider redeems sign-in tickets: no password reaches next-auth, so none can skip a step before it.
      expect(Object.keys(JSON.parse(providers.text))).toEqual(["ticket"]);
      expect(JSON.parse(providers.text).ticket).toMatchObject({ signinUrl: `http://${host}/api/auth/signin/ticket`, callbackUrl: `http://${host}/api/auth/callback/ticket` });
      namesOnly(providers, host);

      const csrf = await auth(host, "/api/auth/csrf");
      expect(JSON.parse(csrf.text).csrfToken).toMatch(/^[0-9a-f]{64}$/);
      namesOnly(csrf, host);

      // A foreign callbackUrl is not kept: the callback cookie names this host.
      const signin = await auth(host, `/api/auth/signin?callbackUrl=${encodeURIComponent("http://evil.test/steal")}`);
      expect(signin.status).toBe(302);
      namesOnly(signin, host);
      expect(signin.headers.getSetCookie().join("\n")).toContain(`next-auth.callback-url=${encodeURIComponent(`http://${host}`)}`);
    }
  });

  it("signing in with a forged X-Forwarded-Host redirects and binds the session to the real host", async () => {
    const staffId = uniq("user_");
    const staffEmail = `${staffId}@atrium.test`;
    await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Staff', $3, 'operator')", [staffId, staffEmail, passwordHash]);
    const member = await addMember(tenantId, "admin");
    await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [member.id, passwordHash]);

    for (const [host, email] of [["localhost:3000", staffEmail], [tenantHost, member.email]] as const) {
      const ticket = await passwordTicket(host, email, PASSWORD);
      const csrf = await auth(host, "/api/auth/csrf");
      const form = { csrfToken: JSON.parse(csrf.text).csrfToken, ticket, callbackUrl: "http://evil.test/steal", json: "true" };
      const signedIn = await auth(host, "/api/auth/callback/ticket", { method: "POST", headers: { cookie: cookieHeader(csrf) }, form });
      expect(signedIn.status).toBe(200);
      expect(JSON.parse(signedIn.text)).toEqual({ url: `http://${host}` });
      namesOnly(signedIn, host);
      const session = signedIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
      expect(session).toBeDefined();
      const token = await decode({ token: decodeURIComponent(session!.split(";")[0].split("=")[1]), secret: process.env.NEXTAUTH_SECRET! });
      expect(token?.host).toBe(host);
      expect((await ownerQuery<{ host: string }>("SELECT host FROM auth_sessions WHERE id = $1", [token?.sid])).map((r) => r.host)).toEqual([host]);
    }

    // A spent ticket: the error redirect stays on the host too.
    const ticket = await passwordTicket(tenantHost, member.email, PASSWORD);
    const spend = async () => {
      const csrf = await auth(tenantHost, "/api/auth/csrf");
      return auth(tenantHost, "/api/auth/callback/ticket", {
        method: "POST",
        headers: { cookie: cookieHeader(csrf) },
        form: { csrfToken: JSON.parse(csrf.text).csrfToken, ticket, callbackUrl: "/members" },
      });
    };
    expect((await spend()).status).toBe(302);
    const refused = await spend();
    expect(refused.status).toBe(302);
    expect(new URL(refused.headers.get("location")!).host).toBe(tenantHost);
    expect(new URL(refused.headers.get("location")!).searchParams.get("error")).toBe("CredentialsSignin");
    namesOnly(refused, tenantHost);
  });

  it("a host Atrium does not serve gets no next-auth answer at all", async () => {
    for (const host of ["evil.test", "no-such-tenant.localhost:3000", "localhost:3001"]) {
      for (const path of ["/api/auth/providers", "/api/auth/csrf", "/api/auth/signin"]) {
        const a = await auth(host, path, { headers: { "x-forwarded-host": "localhost:3000" } });
        expect(a.status, `${host}${path}`).toBe(404);
        expect(JSON.parse(a.text).error.code).toBe("tenant_not_found");
        expect(a.headers.getSetCookie()).toEqual([]);
      }
    }
  });
});
