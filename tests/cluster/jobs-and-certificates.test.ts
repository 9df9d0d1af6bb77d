// Work that must happen once, and certificates that must wait for proof, with two instances
// running: pg-boss hands each job to one worker, so a tenant due for purge is purged once
// however many maintenance runs both workers take at the same moment; and Caddy asks Atrium's
// /api/tls/ask before issuing a certificate on demand, so a custom domain gets one only once
// the tenant has proved it owns the name (TXT record, verified).
import { connect, type PeerCertificate } from "node:tls";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clusterPorts } from "../../scripts/lib/cluster";
import { hostRequest } from "../../scripts/lib/host-request";
import { startDnsServer, type TestDnsServer } from "../support/dns-server";
import { api, createTenant, platformKey, targets, uniq } from "./support/api";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";
import { jobLines, workerStarted } from "./support/worker-log";

/** The queue lib/jobs/start-jobs.ts schedules every minute: purges, provisioning roll-backs, mail, audit retention. */
const MAINTENANCE_QUEUE = "atrium-maintenance";

let cluster: TwoInstances;
let dns: TestDnsServer;
let db: pg.Client;
let boss: PgBoss;
beforeAll(async () => {
  // The instances verify TXT records with this server (DNS_SERVERS).
  dns = await startDnsServer(clusterPorts().base + 10);
  cluster = await startTwoInstances({ env: { DNS_SERVERS: `127.0.0.1:${dns.port}` } });
  db = new pg.Client({ connectionString: inject("databaseUrl") });
  await db.connect();
  // A client only: sends jobs, runs no maintenance or cron of its own.
  boss = new PgBoss({ connectionString: inject("databaseUrl"), supervise: false, schedule: false, migrate: false, max: 2 });
  await boss.start();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.end();
  await cluster?.stop();
  await dns?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("jobs across instances", () => {
  it("a tenant due for purge is purged exactly once while both instances' workers run", async () => {
    await Promise.all([workerStarted(cluster.a), workerStarted(cluster.b)]);
    const to = targets(cluster);
    const key = await platformKey("purge");
    const created = await createTenant(to.a, { host: cluster.rootDomain, key });
    expect(created.status).toBe(201);
    const tenant = created.data.tenant as { id: string; schema_name: string };
    const deleted = await api(to.b, { host: cluster.rootDomain, method: "DELETE", path: `/api/v1/tenants/${tenant.id}?confirmation=DELETE_PERMANENTLY`, key });
    expect(deleted.status).toBe(200);
    // The grace period (7 days) is over: as if a week had passed.
    await db.query("UPDATE tenants SET final_deletion_date = now() - interval '1 minute' WHERE id = $1", [tenant.id]);

    // Eight maintenance runs at once rather than the minute's one: both workers take some.
    const jobIds = await Promise.all(Array.from({ length: 8 }, () => boss.send(MAINTENANCE_QUEUE, {})));
    expect(jobIds.every(Boolean)).toBe(true);
    const deadline = Date.now() + 60_000;
    let states: string[] = [];
    while (Date.now() < deadline) {
      const { rows } = await db.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])", [MAINTENANCE_QUEUE, jobIds]);
      states = rows.map((r) => r.state);
      if (states.length === jobIds.length && states.every((s) => s === "completed" || s === "failed")) break;
      await sleep(250);
    }
    expect(states.sort()).toEqual(Array(jobIds.length).fill("completed"));

    const { rows: tenantRows } = await db.query("SELECT 1 FROM tenants WHERE id = $1", [tenant.id]);
    expect(tenantRows).toHaveLength(0);
    const { rows: schemas } = await db.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [tenant.schema_name]);
    expect(schemas).toHaveLength(0);
    // Once: one tenant.purged event, and one worker said it purged a tenant.
    const { rows: events } = await db.query("SELECT id FROM audit_events WHERE action = 'tenant.purged' AND target_id = $1", [tenant.id]);
    expect(events).toHaveLength(1);
    const purgeLines = [cluster.a, cluster.b].flatMap((i) => jobLines(i).filter((l) => l.task === "purge"));
    expect(purgeLines).toEqual([expect.objectContaining({ instance: expect.stringMatching(/^(a|b)$/), purged: 1, rolled_back: 0 })]);
  });
});

/** A TLS handshake with Caddy for `servername`: the certificate it presents, checked against Caddy's CA. */
function handshake(servername: string): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: cluster.caddy.httpsPort, servername, ca: cluster.caddy.rootCertificate() }, () => {
      const cert = socket.getPeerCertificate(true);
      socket.end();
      resolve(cert);
    });
    socket.setTimeout(15_000, () => socket.destroy(new Error(`TLS handshake for ${servername} timed out`)));
    socket.on("error", reject);
  });
}

describe("custom domains behind Caddy", () => {
  it("a custom domain gets a certificate from Caddy only after it is verified", async () => {
    const to = targets(cluster);
    const key = await platformKey("domains");
    const created = await createTenant(to.a, { host: cluster.rootDomain, key });
    expect(created.status).toBe(201);
    const tenant = created.data.tenant as { id: string; name: string };
    const domain = `${uniq("shop-")}.cluster-domain.test`;
    const added = await api(to.a, { host: cluster.rootDomain, method: "POST", path: `/api/v1/tenants/${tenant.id}/domains`, key, body: { domains: [{ domain }] } });
    expect(added.status).toBe(201);
    const view = (added.data.domains as { id: string; domain: string; verification: { host: string; value: string } }[]).find((d) => d.domain === domain)!;

    // Pending: Atrium says no, so Caddy has no certificate to offer and the handshake fails.
    expect((await hostRequest(cluster.a.url, { host: `127.0.0.1:${cluster.a.port}`, path: `/api/tls/ask?domain=${domain}` })).status).toBe(404);
    await expect(handshake(domain)).rejects.toThrow();

    // The TXT record is published and the domain verified (through B: A, which Caddy asks, learns it by NOTIFY).
    dns.txt.set(view.verification.host.toLowerCase().replace(/\.$/, ""), [view.verification.value]);
    const verified = await api(to.b, { host: cluster.rootDomain, method: "POST", path: `/api/v1/tenants/${tenant.id}/domains/${view.id}/verify`, key });
    expect(verified.status).toBe(200);
    expect((verified.data.domain as { status: string }).status).toBe("verified");

    const cert = await handshake(domain);
    expect(cert.subjectaltname).toBe(`DNS:${domain}`);
    expect(cert.issuer.CN).toMatch(/Caddy Local Authority/);
    // And the domain serves the tenant's portal through Caddy, from either instance.
    for (let i = 0; i < 2; i++) {
      const page = await cluster.viaCaddy({ host: `${domain}:${cluster.caddy.httpsPort}`, path: "/login" });
      expect(page.status).toBe(200);
      expect(page.body).toContain(tenant.name);
    }
    // A served tenant's subdomain is asked about without the console's port, and gets one too.
    const slug = (created.data.tenant as { slug: string }).slug;
    expect((await handshake(`${slug}.localhost`)).subjectaltname).toBe(`DNS:${slug}.localhost`);
    // A name nobody verified still gets nothing.
    await expect(handshake(`${uniq("nobody-")}.cluster-domain.test`)).rejects.toThrow();
  });
});
