import path from "node:path";
import { inject } from "vitest";
import { clusterPorts, startCaddy, startInstance, type Caddy, type Instance } from "../../../scripts/lib/cluster";
import { hostRequest, type HostResponse } from "../../../scripts/lib/host-request";

export type TwoInstances = {
  a: Instance;
  b: Instance;
  caddy: Caddy;
  /** APP_ROOT_DOMAIN of both instances: the console's host as clients send it, through Caddy's https port. */
  rootDomain: string;
  /** https://127.0.0.1:<caddy https port> */
  caddyOrigin: string;
  /** A request through Caddy (TLS, SNI = host, Caddy's CA trusted). */
  viaCaddy(o: Parameters<typeof hostRequest>[1]): Promise<HostResponse>;
  /** Stops whatever is still running (Caddy, then the instances). */
  stop(): Promise<void>;
};

/**
 * Instance A (base+1) and B (base+2) on the suite's database, Caddy (base+3/4/5) in front
 * with deploy/Caddyfile; the console is https://localhost:<base+4>, tenants
 * https://<slug>.localhost:<base+4>. `env` is added to both instances' environment.
 */
export async function startTwoInstances(o: { env?: Record<string, string> } = {}): Promise<TwoInstances> {
  const { base } = clusterPorts();
  const httpsPort = base + 4;
  const rootDomain = `localhost:${httpsPort}`;
  const databaseUrl = inject("databaseUrl");
  const env = { APP_PUBLIC_SCHEME: "https", NEXTAUTH_SECRET: inject("nextauthSecret"), ...o.env };
  const started: { stop(): Promise<unknown> }[] = [];
  const stop = async () => {
    for (const s of started.reverse()) await s.stop();
  };
  try {
    const [a, b] = await Promise.all(["a", "b"].map(async (name, i) => {
      const instance = await startInstance({ name, port: base + 1 + i, databaseUrl, rootDomain, env });
      started.push(instance);
      return instance;
    }));
    const caddy = await startCaddy({
      httpPort: base + 3,
      httpsPort,
      adminPort: base + 5,
      upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`],
      askUrl: `${a.url}/api/tls/ask`,
      rootDomain,
      dataDir: path.join(".data", `caddy-${base}`),
    });
    started.push(caddy);
    const caddyOrigin = `https://127.0.0.1:${httpsPort}`;
    const ca = caddy.rootCertificate();
    return { a, b, caddy, rootDomain, caddyOrigin, viaCaddy: (r) => hostRequest(caddyOrigin, { ca, ...r }), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
