// On-demand TLS: Caddy asks Atrium's /api/tls/ask before issuing a certificate, so a custom
// domain gets one only once the tenant has proved it owns the name (TXT record, verified).
import { connect, type PeerCertificate } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterPorts } from "../../scripts/lib/cluster";
import { hostRequest } from "../../scripts/lib/host-request";
import { startDnsServer, type TestDnsServer } from "../support/dns-server";
import { api, createTenant, platformKey, targets, uniq } from "./support/api";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

let cluster: TwoInstances;
let dns: TestDnsServer;
beforeAll(async () => {
  // The instances verify TXT records with this server (DNS_SERVERS).
  dns = await startDnsServer(clusterPorts().base + 10);
  cluster = await startTwoInstances({ env: { DNS_SERVERS: `127.0.0.1:${dns.port}` } });
});
afterAll(async () => {
  await cluster?.stop();
  await dns?.close();
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
