import { beforeAll, describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import { systemCaller } from "@/lib/auth/caller";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

// The list's opaque cursor (lib/tenants/tenant-list-cursor.ts) against its page/page_size walk, over tenants of our own
// (found by a token in their names, so other files' tenants never show up).
let key: string;
const token = uniq("Cz");
const SORTS = ["created_at", "updated_at", "name", "slug", "status", "plan", "health"] as const;
type Page = { status: number; json: { data: { tenants: { id: string }[]; pagination: Record<string, unknown> & { next_cursor: string | null } }; error?: { code: string; details?: { path: string }[] } } };

const list = (query: string) => callRoute(tenantsRoute.GET, { key, path: `/api/v1/tenants?${query}` }) as Promise<Page>;

beforeAll(async () => {
  key = await makeApiKey(["tenants:read"]);
  // Names that tie on nothing but the token; plans and statuses repeat, so those sorts lean on the id to break ties.
  const specs = [
    { name: `Delta ${token}`, plan: "basic" },
    { name: `alpha ${token}`, plan: "professional" },
    { name: `Echo ${token}`, plan: "basic" },
    { name: `Bravo ${token}`, plan: "enterprise" },
    { name: `charlie ${token}`, plan: "basic" },
    { name: `Foxtrot ${token}`, plan: "professional" },
    { name: `Golf ${token}`, plan: "basic" },
  ] as const;
  const made = await Promise.all(specs.map((s) => makeTenant(s)));
  await changeTenantStatus(systemCaller("test"), made[1].id, "suspend", { reason: "test" });
  await changeTenantStatus(systemCaller("test"), made[4].id, "suspend", { reason: "test" });
  // Three tenants with a health score (two of them equal), four never checked: the health sort's NULLs and ties.
  for (const [i, score] of [[0, 40], [2, 80], [5, 40]] as const) {
    await ownerQuery("INSERT INTO tenant_health (tenant_id, score, status) VALUES ($1, $2, 'degraded')", [made[i].id, score]);
  }
});

async function walkByPage(query: string, pageSize: number): Promise<{ ids: string[]; pages: Record<string, unknown>[] }> {
  const ids: string[] = [];
  const pages: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const r = await list(`${query}&page_size=${pageSize}&page=${page}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    ids.push(...r.json.data.tenants.map((t) => t.id));
    const p: Record<string, unknown> = { ...r.json.data.pagination };
    delete p.next_cursor;
    pages.push(p);
    if (!r.json.data.pagination.has_next) return { ids, pages };
  }
}

async function walkByCursor(query: string, pageSize: number): Promise<{ ids: string[]; pages: Record<string, unknown>[] }> {
  const ids: string[] = [];
  const pages: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const r: Page = await list(`${query}&page_size=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    ids.push(...r.json.data.tenants.map((t) => t.id));
    const { next_cursor, ...p } = r.json.data.pagination;
    pages.push(p);
    expect(next_cursor === null).toBe(!p.has_next);
    cursor = next_cursor;
  } while (cursor);
  return { ids, pages };
}

describe("GET /api/v1/tenants with a cursor", () => {
  it("walks every sort and order to the same rows and page numbers as page/page_size", async () => {
    for (const sort of SORTS) {
      for (const order of ["asc", "desc"]) {
        const query = `search=${token}&sort=${sort}&order=${order}`;
        const byPage = await walkByPage(query, 3);
        const byCursor = await walkByCursor(query, 3);
        expect(byPage.ids, `${sort} ${order}`).toHaveLength(7);
        expect(new Set(byPage.ids).size).toBe(7);
        expect(byCursor.ids, `${sort} ${order}`).toEqual(byPage.ids);
        expect(byCursor.pages, `${sort} ${order}`).toEqual(byPage.pages);
      }
    }
  });

  it("keeps the filters: plan, status and both, with each walk the same both ways", async () => {
    for (const filter of ["plan=basic", "status=active", "status=active&plan=basic", "status=suspended"]) {
      const query = `search=${token}&${filter}&sort=name&order=asc`;
      const byPage = await walkByPage(query, 2);
      const byCursor = await walkByCursor(query, 2);
      expect(byCursor.ids, filter).toEqual(byPage.ids);
      expect(byCursor.pages, filter).toEqual(byPage.pages);
    }
    expect((await walkByCursor(`search=${token}&plan=basic`, 2)).ids).toHaveLength(4);
    expect((await walkByCursor(`search=${token}&status=suspended`, 2)).ids).toHaveLength(2);
  });

  it("does not shift when tenants are added mid-walk (page/page_size would)", async () => {
    const query = `search=${token}&sort=created_at&order=desc&page_size=3`;
    const before = await walkByPage(`search=${token}&sort=created_at&order=desc`, 3);
    const first = await list(query);
    const cursor = first.json.data.pagination.next_cursor!;
    const newest = await makeTenant({ name: `Hotel ${token}`, plan: "basic" });
    const second = await list(`${query}&cursor=${encodeURIComponent(cursor)}`);
    expect(second.json.data.tenants.map((t) => t.id)).toEqual(before.ids.slice(3, 6));
    // The same page by number now starts one row earlier: the new tenant pushed everything down.
    const shifted = await list(`${query}&page=2`);
    expect(shifted.json.data.tenants.map((t) => t.id)).toEqual(before.ids.slice(2, 5));
    expect(shifted.json.data.pagination.total_count).toBe(8);
    // The cursor's pages keep the total counted on its first page.
    expect(second.json.data.pagination).toMatchObject({ page: 2, total_count: 7, has_prev: true });
    expect(newest.id).not.toBe("");
  });

  it("refuses a forged, garbled or foreign cursor with 400 naming cursor", async () => {
    const query = `search=${token}&sort=name&order=asc&page_size=2`;
    const cursor = (await list(query)).json.data.pagination.next_cursor!;
    const [body, mac] = cursor.split(".");
    const forgedState = JSON.parse(Buffer.from(body, "base64url").toString());
    const forged = `${Buffer.from(JSON.stringify({ ...forgedState, t: 1_000_000 })).toString("base64url")}.${mac}`;
    const flipped = `${body}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`;
    const cases: [string, string][] = [
      ["garbage", "not-a-cursor"],
      ["empty signature", `${body}.`],
      ["forged total", forged],
      ["flipped signature", flipped],
      ["other sort", `search=${token}&sort=slug&order=asc&page_size=2&cursor=${encodeURIComponent(cursor)}`],
      ["other filter", `search=${token}&sort=name&order=asc&page_size=2&plan=basic&cursor=${encodeURIComponent(cursor)}`],
      ["other page size", `search=${token}&sort=name&order=asc&page_size=3&cursor=${encodeURIComponent(cursor)}`],
      ["with page", `${query}&page=2&cursor=${encodeURIComponent(cursor)}`],
    ];
    for (const [what, value] of cases) {
      const r = await list(value.includes("search=") ? value : `${query}&cursor=${encodeURIComponent(value)}`);
      expect(r.status, what).toBe(400);
      expect(r.json.error?.code, what).toBe("invalid_request");
      expect(r.json.error?.details?.map((d) => d.path), what).toContain("cursor");
    }
    // The genuine one still works.
    expect((await list(`${query}&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
  });

  it("answers 20 parallel cursor and page requests without an error", async () => {
    const query = `search=${token}&sort=updated_at&order=desc&page_size=2`;
    const cursor = (await list(query)).json.data.pagination.next_cursor!;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => list(i % 2 ? `${query}&cursor=${encodeURIComponent(cursor)}` : `${query}&page=2`)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((a) => JSON.stringify(a.json.data.tenants.map((t) => t.id)))).size).toBe(1);
  });
});
