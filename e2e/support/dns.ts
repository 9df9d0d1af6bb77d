import { startDnsServer, type TestDnsServer } from "../../tests/support/dns-server";

/** The loopback DNS server the e2e web server asks (DNS_SERVERS in playwright.config.ts). */
export const E2E_DNS_PORT = Number(process.env.E2E_DNS_PORT ?? 5399);

/** Custom domains under this name reach the e2e server: Chromium maps them to 127.0.0.1 (--host-resolver-rules). */
export const E2E_DOMAIN_SUFFIX = "e2e-domain.test";

export type E2eDns = { publishTxt(name: string, value: string): void; close(): Promise<void> };

/** Starts the DNS server in the test worker: TXT answers from what the test publishes, NXDOMAIN for anything else. */
export async function startE2eDns(): Promise<E2eDns> {
  const server: TestDnsServer = await startDnsServer(E2E_DNS_PORT);
  return {
    publishTxt: (name, value) => server.txt.set(name.toLowerCase().replace(/\.$/, ""), [value]),
    close: () => server.close(),
  };
}
