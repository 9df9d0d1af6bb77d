// `npm run bench:pages`: what a user feels when a list opens. Against the
// production build (`next start`, run `npx next build` first) on a fresh
// embedded PostgreSQL with the demo data, it opens the console's tenant list
// and the acme portal's Members page, each from a cold browser context (no
// cache, only the session cookie), and measures the time from navigation start
// to the first row on screen. Prints median / p90 / min / max and writes
// bench/results/page-load.json. Everything it starts is stopped on exit.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { chromium, type Browser, type BrowserContextOptions } from "@playwright/test";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";

const PORT = 3210;
const DB = { dir: ".data/pg-bench-pages", port: 54369, database: "atrium_bench_pages", fresh: true };
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 10);
const ADMIN = { email: "admin@atrium.local", password: "bench-admin-password" };
const STAFF_PASSWORD = "bench-staff-password";
const RESULTS_FILE = "bench/results/page-load.json";

type Target = { name: string; url: string; firstRow: string; state: BrowserContextOptions["storageState"] };

const base = `http://localhost:${PORT}`;
const log = (m: string) => console.log(`[bench:pages] ${m}`);

async function waitForHealth(deadline = Date.now() + 120_000) {
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("next start did not answer /api/health within 2 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function signedInState(browser: Browser, loginUrl: string, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(loginUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Navigation start to the first row visible, in a fresh context each time. */
async function timeToFirstRow(browser: Browser, t: Target): Promise<number> {
  const context = await browser.newContext({ storageState: t.state, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(t.url, { waitUntil: "commit" });
  await page.locator(t.firstRow).first().waitFor({ state: "visible", timeout: 30_000 });
  // The browser's own clock: from the navigation's start to now.
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

let next: ChildProcess | null = null;
let stopDb: (() => Promise<void>) | null = null;
const cleanup = async () => {
  if (next?.pid && next.exitCode === null) process.kill(-next.pid, "SIGTERM");
  await stopDb?.();
};
process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));

try {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npx next build` first");
  const database = await openDatabase(DB);
  stopDb = database.stop;
  process.env.DATABASE_URL = database.url;
  await migrate(database.url);
  const { seedDemo } = await import("@/lib/seed/seed-demo");
  await seedDemo({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, staffPassword: STAFF_PASSWORD });
  const { closePools } = await import("@/lib/db/pools");
  await closePools();

  next = spawn("node_modules/.bin/next", ["start", "-p", String(PORT)], {
    stdio: "ignore",
    detached: true,
    env: { ...process.env, DATABASE_URL: database.url, APP_ROOT_DOMAIN: `localhost:${PORT}`, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789", ATRIUM_JOBS: "off" },
  });
  await waitForHealth();
  log(`next start on ${base}`);

  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
  const targets: Target[] = [
    { name: "Console tenant list (/tenants)", url: `${base}/tenants`, firstRow: "tbody tr", state: await signedInState(browser, `${base}/login`, ADMIN.email, ADMIN.password) },
    {
      name: "Portal members (acme /members)",
      url: `http://acme.localhost:${PORT}/members`,
      firstRow: '[data-testid="member-row"]',
      state: await signedInState(browser, `http://acme.localhost:${PORT}/login`, "owner@acme.example", STAFF_PASSWORD),
    },
  ];

  const results = [];
  for (const t of targets) {
    await timeToFirstRow(browser, t); // the server's first render of the route (compilation caches, pools) is not what a user sees twice
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await timeToFirstRow(browser, t));
    const r = { page: t.name, runs: RUNS, median_ms: Math.round(pct(samples, 50)), p90_ms: Math.round(pct(samples, 90)), min_ms: Math.round(Math.min(...samples)), max_ms: Math.round(Math.max(...samples)) };
    results.push(r);
    log(`${r.page}: median ${r.median_ms} ms, p90 ${r.p90_ms} ms (min ${r.min_ms}, max ${r.max_ms}; ${RUNS} cold contexts)`);
  }
  await browser.close();
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify({ measured_at: new Date().toISOString(), results }, null, 2) + "\n");
  log(`written to ${RESULTS_FILE}`);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
