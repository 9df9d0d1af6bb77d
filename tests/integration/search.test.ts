import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/search/route";
import { systemCaller } from "@/lib/auth/caller";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { sessionCookie } from "../support/session-cookie";
import { addMember } from "../support/tenant-members";

const CONSOLE = "localhost:3000";
const hostOf = (slug: string) => `${slug}.localhost:3000`;
type Result = { type: string; id: string; title: string; subtitle: string; url: string };

const search = (q: Record<string, string>, opts: { key?: string; cookie?: string; host?: string } = {}) =>
  callRoute(GET, {
    path: `/api/v1/search?${new URLSearchParams(q)}`,
    key: opts.key,
    headers: { host: opts.host ?? CONSOLE, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
  });
const results = async (q: Record<string, string>, opts: Parameters<typeof search>[1] = {}): Promise<Result[]> => {
  const r = await search(q, opts);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json.data.results;
};

async function addVerifiedDomain(tenantId: string, domain: string) {
  await ownerQuery("INSERT INTO tenant_domains (tenant_id, id, domain, verification_token, status, verified_at) VALUES ($1, $2, $3, 'tok', 'verified', now())", [tenantId, `dom_${uniq("")}`, domain]);
}

const word = uniq("srch");
let A: { id: string; slug: string };
let B: { id: string; slug: string };
let similar: { id: string; slug: string };
let adminKey: string;
const domainA = `portal.${word}-a.example`;
const domainB = `portal.${word}-b.example`;
let memberA: { id: string; email: string };
let adminA: { id: string; email: string };
let memberB: { id: string; email: string };
let percentMember: { id: string; email: string };

beforeAll(async () => {
  // B's slug is A's with a suffix: searching A's slug exactly must put A first although B's also matches.
  A = await makeTenant({ slug: `${word}-a`, name: `Search ${word} Alpha` });
  [B, similar] = await Promise.all([makeTenant({ slug: `${word}-a-b`, name: `Search ${word} Beta` }), makeTenant({ slug: uniq("other-"), name: `${word}-a lookalike` })]);
  await Promise.all([addVerifiedDomain(A.id, domainA), addVerifiedDomain(B.id, domainB)]);
  [memberA, adminA, memberB, percentMember] = await Promise.all([
    addMember(A.id, "member", { email: `${word}.member@a.test`, name: `Ann ${word}` }),
    addMember(A.id, "admin", { email: `${word}.admin@a.test` }),
    addMember(B.id, "member", { email: `${word}.bea@b.test`, name: `Bea ${word}` }),
    addMember(A.id, "viewer", { name: `Promo 50% off ${word}` }),
  ]);
  adminKey = await makeApiKey();
  const tenantKey = (id: string, name: string, permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), id, { name, permissions });
  await Promise.all([tenantKey(A.id, `${word} deploy key A`, ["members:read"]), tenantKey(B.id, `${word} deploy key B`, ["members:read"])]);
});

describe("GET /api/v1/search on the console", () => {
  it("ranks the exact slug first, then prefix matches", async () => {
    const r = await results({ q: `${word}-a`, types: "tenants" }, { key: adminKey });
    expect(r[0]).toMatchObject({ type: "tenant", id: A.id, url: `/tenants/${A.id}` });
    expect(r.map((x) => x.id)).toEqual(expect.arrayContaining([B.id, similar.id]));
  });

  it("finds a tenant by id and by its verified custom domain, naming the domain", async () => {
    expect((await results({ q: B.id, types: "tenants" }, { key: adminKey }))[0]).toMatchObject({ id: B.id });
    const r = await results({ q: domainB }, { key: adminKey });
    expect(r.find((x) => x.type === "tenant")).toMatchObject({ id: B.id, subtitle: expect.stringContaining(domainB) });
    expect(r.find((x) => x.type === "domain")).toMatchObject({ title: domainB, url: `/tenants/${B.id}?tab=domains` });
  });

  it("finds accounts, and API keys only for staff who may manage them", async () => {
    expect((await results({ q: memberB.email }, { key: adminKey })).find((x) => x.type === "user")).toMatchObject({ id: memberB.id, url: `/users/${memberB.id}` });
    const keys = await results({ q: `${word} deploy key`, types: "api_keys" }, { key: adminKey });
    expect(keys.map((k) => k.title).sort()).toEqual([`${word} deploy key A`, `${word} deploy key B`]);
    // tenants:read alone (an auditor): tenants and accounts, no keys of anyone.
    const auditor = await makeApiKey(["tenants:read", "audit:read"]);
    expect(await results({ q: `${word} deploy key`, types: "api_keys" }, { key: auditor })).toEqual([]);
    expect((await results({ q: memberB.email }, { key: auditor })).map((x) => x.type)).toContain("user");
  });

  it("refuses staff who may not read tenants: no accounts, no tenants, nothing", async () => {
    const r = await search({ q: memberB.email }, { key: await makeApiKey(["api_keys:manage"]) });
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.json)).not.toContain(memberB.email);
  });
});

describe("GET /api/v1/search on a tenant's host", () => {
  it("shows a member their own tenant's members, never another tenant's", async () => {
    const cookie = await sessionCookie({ userId: memberA.id, host: hostOf(A.slug), tenantId: A.id });
    const own = await results({ q: word }, { cookie, host: hostOf(A.slug) });
    expect(own.map((x) => x.id)).toEqual(expect.arrayContaining([memberA.id, adminA.id]));
    expect(own.map((x) => x.type)).not.toContain("tenant");
    // Similar names of A's own members may come back; B's member never does.
    const foreign = await results({ q: memberB.email }, { cookie, host: hostOf(A.slug) });
    expect(foreign.map((x) => x.id)).not.toContain(memberB.id);
    expect(JSON.stringify(foreign)).not.toContain(memberB.email);
    expect(JSON.stringify(own)).not.toContain(memberB.email);
    // A plain member holds neither domains:manage nor api_keys:manage: no domains, no keys, even their own tenant's.
    expect((await results({ q: domainA }, { cookie, host: hostOf(A.slug) })).filter((x) => x.type !== "member")).toEqual([]);
    expect(own.find((x) => x.type === "member")).toMatchObject({ url: expect.stringMatching(/^\/members\?search=/) });
  });

  it("shows an admin their tenant's domains, keys and roles, and none of B's", async () => {
    const cookie = await sessionCookie({ userId: adminA.id, host: hostOf(A.slug), tenantId: A.id });
    const r = await results({ q: word }, { cookie, host: hostOf(A.slug) });
    expect(r.filter((x) => x.type === "domain").map((x) => x.title)).toEqual([domainA]);
    expect(r.filter((x) => x.type === "api_key").map((x) => x.title)).toEqual([`${word} deploy key A`]);
    expect(JSON.stringify(r)).not.toContain(domainB);
    expect((await results({ q: "admin", types: "roles" }, { cookie, host: hostOf(A.slug) }))[0]).toMatchObject({ type: "role", id: "admin", url: "/roles" });
  });

  it("answers a tenant key for its own tenant alone, within its permissions", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: uniq("k"), permissions: ["members:read", "api_keys:manage"] });
    const r = await results({ q: word }, { key, host: hostOf(A.slug) });
    expect(r.some((x) => x.type === "member" && x.id === memberA.id)).toBe(true);
    expect(r.some((x) => x.type === "api_key" && x.title === `${word} deploy key A`)).toBe(true);
    expect(JSON.stringify(r)).not.toContain(memberB.email);
    expect(JSON.stringify(r)).not.toContain(`${word} deploy key B`);
    // No domains:manage: no domains.
    expect(r.some((x) => x.type === "domain")).toBe(false);
    // The same key on the console, or on B's host, is refused.
    expect((await search({ q: word }, { key })).status).toBe(403);
    expect((await search({ q: word }, { key, host: hostOf(B.slug) })).status).toBe(403);
  });

  it("refuses a member's session on another tenant's host, and anyone without a session", async () => {
    const cookie = await sessionCookie({ userId: memberA.id, host: hostOf(A.slug), tenantId: A.id });
    expect((await search({ q: word }, { cookie, host: hostOf(B.slug) })).status).toBe(401);
    expect((await search({ q: word }, { host: hostOf(A.slug) })).status).toBe(401);
    // A staff session on the console is not a member session on a tenant's host.
    const staff = await sessionCookie({ userId: adminA.id, host: CONSOLE, kind: "staff" });
    expect((await search({ q: word }, { cookie: staff, host: hostOf(A.slug) })).status).toBe(401);
  });

  it("takes %, _ and \\ literally", async () => {
    const cookie = await sessionCookie({ userId: adminA.id, host: hostOf(A.slug), tenantId: A.id });
    const members = (q: string) => results({ q, types: "members" }, { cookie, host: hostOf(A.slug) }).then((r) => r.map((x) => x.id));
    expect(await members("50%")).toEqual([percentMember.id]);
    // As wildcards these would match "Promo 50% off" (an o, anything, an f; a 5, any one character, anything).
    expect(await members("o%f")).toEqual([]);
    expect(await members("5_%")).toEqual([]);
    expect(await members("m\\e")).toEqual([]);
    // One or two characters match at the start of a name or email only: nobody's starts with %.
    expect(await members("%")).toEqual([]);
    expect(await members(word.slice(0, 2))).toEqual(expect.arrayContaining([memberA.id, adminA.id]));
  });
});

describe("GET /api/v1/search refuses bad input with a 400 naming the field", () => {
  it.each([
    [{ q: "" }, "q"],
    [{ q: "   " }, "q"],
    [{ q: "x".repeat(101) }, "q"],
    [{}, "q"],
    [{ q: "a", types: "tenants,planets" }, "types"],
    [{ q: "a", types: "members" }, "types"],
    [{ q: "a", limit: "0" }, "limit"],
    [{ q: "a", extra: "1" }, "extra"],
  ])("%j", async (q, field) => {
    const r = await search(q as Record<string, string>, { key: adminKey });
    expect(r.status).toBe(400);
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("answers 20 parallel searches without a 500", async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => search({ q: i % 2 ? word : `${word}-a` }, { key: adminKey }).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});

describe("GET /api/v1/search with one or two characters", () => {
  it("finds accounts whose email or name starts with them, each once", async () => {
    const two = `q${String.fromCharCode(97 + Math.floor(Math.random() * 26))}`;
    const u = await addMember(A.id, "member", { email: `${two}${uniq("")}@x.test`, name: `${two.toUpperCase()} Twice` });
    const r = await results({ q: two, types: "users", limit: "50" }, { key: adminKey });
    expect(r.filter((x) => x.id === u.id)).toHaveLength(1);
    expect(r.every((x) => x.subtitle.toLowerCase().startsWith(two) || x.title.toLowerCase().startsWith(two))).toBe(true);
  });
});
