import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAddressAllowed, webhookAgents } from "@/lib/webhooks/address-policy";
import { sendWebhookRequest } from "@/lib/webhooks/send-webhook-request";
import { startWebhookReceiver } from "../support/webhook-receiver";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let receiver6: Awaited<ReturnType<typeof startWebhookReceiver>>;
const strict = webhookAgents(false);
const allowing = webhookAgents(true);

beforeAll(async () => {
  receiver = await startWebhookReceiver("127.0.0.1");
  receiver6 = await startWebhookReceiver("::1");
});

afterAll(async () => {
  for (const a of [strict, allowing]) {
    a.http.destroy();
    a.https.destroy();
  }
  await Promise.all([receiver.close(), receiver6.close()]);
});

const post = (url: string, agents = strict, timeoutMs = 2_000) => sendWebhookRequest(url, { "content-type": "application/json" }, "{}", { agents, timeoutMs });

describe("the address filter, at connect time", () => {
  const refusedAlways = ["169.254.169.254", "[fe80::1]", "[::ffff:127.0.0.1]", "[::ffff:169.254.169.254]", "0.0.0.0", "[::]", "224.0.0.1"];
  const privateOnes = ["10.0.0.1", "172.16.0.1", "172.31.255.254", "192.168.1.1", "100.64.0.1", "[fc00::1]"];

  it("refuses loopback (by address and by a name that resolves to it), private, CGNAT, link-local, mapped, unspecified and multicast addresses", async () => {
    const urls = [
      receiver.url(),
      receiver6.url(),
      `http://localhost:${receiver.port}/hook`,
      ...[...privateOnes, ...refusedAlways].map((h) => `http://${h}:${receiver.port}/hook`),
      `https://127.0.0.1:${receiver.port}/hook`,
    ];
    for (const url of urls) {
      const r = await post(url);
      expect(r.ok, url).toBe(false);
      expect(r.statusCode, url).toBeNull();
      expect(r.error, url).toMatch(/not allowed/);
    }
    expect(receiver.received).toHaveLength(0);
    expect(receiver6.received).toHaveLength(0);
  });

  it("with WEBHOOK_ALLOW_PRIVATE_NETWORKS reaches loopback (v4, v6 and by name), but link-local, mapped and unspecified stay refused", async () => {
    for (const url of [receiver.url("/ok"), `http://localhost:${receiver.port}/ok`]) expect(await post(url, allowing), url).toMatchObject({ ok: true, statusCode: 200 });
    expect(await post(receiver6.url("/ok"), allowing)).toMatchObject({ ok: true, statusCode: 200 });
    for (const h of refusedAlways) {
      const r = await post(`http://${h}:${receiver.port}/hook`, allowing);
      expect(r.error, h).toMatch(/not allowed/);
    }
  });

  it("gives the same answers to URLs typed with an address (refused when saved)", () => {
    for (const a of ["127.0.0.1", "::1", "10.1.2.3", "172.20.0.1", "192.168.0.10", "100.100.0.1", "169.254.169.254", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0", "fd12::1"]) expect(isAddressAllowed(a, false), a).toBe(false);
    for (const a of ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8"]) expect(isAddressAllowed(a, false), a).toBe(true);
    for (const a of ["127.0.0.1", "::1", "10.1.2.3", "100.64.0.1"]) expect(isAddressAllowed(a, true), a).toBe(true);
    for (const a of ["169.254.169.254", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0"]) expect(isAddressAllowed(a, true), a).toBe(false);
  });
});

describe("the request", () => {
  it("does not follow redirects: a 3xx is a failure and the target is never asked", async () => {
    receiver.reply("/moved", { status: 302, headers: { location: receiver.url("/elsewhere") } });
    const r = await post(receiver.url("/moved"), allowing);
    expect(r).toMatchObject({ ok: false, statusCode: 302 });
    expect(r.error).toMatch(/Redirect not followed/);
    expect(receiver.at("/elsewhere")).toHaveLength(0);
  });

  it("gives up after the timeout (15 s in production; shorter here)", async () => {
    receiver.reply("/slow", { status: 200, hang: true });
    const started = Date.now();
    const r = await post(receiver.url("/slow"), allowing, 300);
    expect(r).toMatchObject({ ok: false, statusCode: null, error: "Timed out after 0.3 s" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("keeps only the first 1 KB of the answer", async () => {
    receiver.reply("/big", { status: 200, body: "é".repeat(5_000) });
    const r = await post(receiver.url("/big"), allowing);
    expect(r.ok).toBe(true);
    expect(Buffer.byteLength(r.responseBody!)).toBeLessThanOrEqual(1024);
  });
});
