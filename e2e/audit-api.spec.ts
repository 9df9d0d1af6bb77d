import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

// The audit log's API through Atrium's real server, with a staff session cookie:
// the JSON list and its keyset cursor, and the streamed export as a download.

test("a signed-in auditor pages through the platform audit log and filters it", async ({ page }) => {
  await signIn(page);
  const first = await page.request.get("/api/v1/audit-log?limit=3&event_type=tenant.*,member.*");
  expect(first.status()).toBe(200);
  const body = await first.json();
  expect(body.data.items).toHaveLength(3);
  expect(body.data.items.every((e: { event_type: string }) => /^(tenant|member)\./.test(e.event_type))).toBe(true);
  expect(body.data.next_cursor).toEqual(expect.any(String));
  const second = await (await page.request.get(`/api/v1/audit-log?limit=3&event_type=tenant.*,member.*&cursor=${body.data.next_cursor}`)).json();
  const ids = [...body.data.items, ...second.data.items].map((e: { id: string }) => e.id);
  expect(new Set(ids).size).toBe(6);
  const tampered = await page.request.get(`/api/v1/audit-log?cursor=${body.data.next_cursor}AA`);
  expect(tampered.status()).toBe(400);
  expect((await tampered.json()).error.details[0].path).toBe("cursor");
});

test("the export arrives as a CSV attachment, streamed in chunks, and the browser downloads it", async ({ page }) => {
  await signIn(page);
  const res = await page.request.get("/api/v1/audit-log/export?format=csv&event_type=tenant.*");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-platform-\d{4}-\d\d-\d\d\.csv"$/);
  expect(res.headers()["transfer-encoding"]).toBe("chunked");
  const lines = (await res.text()).trimEnd().split("\n");
  expect(lines[0]).toMatch(/^id,timestamp,event_type,tenant_id,tenant_name,/);
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.slice(1).every((l) => /^evt_[0-9a-f]+,\S+,tenant\./.test(l))).toBe(true);

  await page.goto("/tenants");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate(() => {
      const a = document.createElement("a");
      a.href = "/api/v1/audit-log/export?format=ndjson&event_type=member.*";
      document.body.append(a);
      a.click();
    }),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-platform-\d{4}-\d\d-\d\d\.ndjson$/);
  const text = await (await download.createReadStream()).toArray();
  const items = Buffer.concat(text as Buffer[]).toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  expect(items.length).toBeGreaterThan(0);
  expect(items.every((e: { event_type: string }) => e.event_type.startsWith("member."))).toBe(true);
});
