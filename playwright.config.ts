import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_PASSWORD, STAFF_PASSWORD } from "./e2e/support/secrets";

// E2E_PORT / E2E_PG_PORT / E2E_DNS_PORT let a second checkout run its suite beside this one.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      // *.e2e-domain.test: custom domains the domains spec verifies, served by the e2e server on loopback.
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--host-resolver-rules=MAP *.e2e-domain.test 127.0.0.1"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node_modules/.bin/tsx scripts/e2e-server.ts",
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      E2E_ADMIN_PASSWORD: ADMIN_PASSWORD,
      E2E_STAFF_PASSWORD: STAFF_PASSWORD,
      // The loopback DNS server e2e/support/dns.ts starts in the test worker: domain verification asks it.
      DNS_SERVERS: `127.0.0.1:${process.env.E2E_DNS_PORT ?? 5399}`,
      RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR: "1000",
      // Seed 000's 5 backup operations an hour per caller: the backup, export and import specs together need more.
      RATE_LIMIT_BACKUP_OPERATIONS_PER_HOUR: "1000",
      // The platform's support contact, shown on dead-end pages (a tenant's branding may replace it).
      SUPPORT_EMAIL: "support@atrium.test",
      // `next start` is production, where staff 2FA defaults to required: the suite signs in with passwords; e2e/two-factor.spec.ts covers 2FA.
      REQUIRE_STAFF_2FA: "false",
      // e2e/sso.spec.ts runs its OpenID provider on http://127.0.0.1.
      SSO_ALLOW_INSECURE_ISSUERS: "true",
    },
  },
});
