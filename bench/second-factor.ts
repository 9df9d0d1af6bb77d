// `npm run bench:2fa`: what the second sign-in step costs (issue 13 §1).
// An embedded PostgreSQL (own port), one account with TOTP, then:
//  - p50/p95 of verifyTotpOrRecoveryCode for a TOTP code (read the sealed
//    secret, open it, HMAC ±1 step, one conditional UPDATE), with a clock that
//    moves one step per call (a step is accepted once);
//  - p50/p95 of a recovery code (one conditional UPDATE of a digest);
//  - p50/p95 of the whole step, completeSecondFactor (lock the challenge, count
//    the attempt three ways, check the code, mark used, issue the ticket);
//  - 20 parallel submissions of one code, repeated: how many won (always 1).
// Writes bench/results/second-factor.json. Stops its PostgreSQL on exit.
import { mkdir, writeFile } from "node:fs/promises";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "../scripts/lib/database";
import { percentile as pct } from "./load";

const PORT = 55652;
const N = 300;
const ROUNDS = 20;

// Its own PostgreSQL process (scripts/lib/database.ts), which goes with this one however it ends.
let stopDb: () => Promise<void> = async () => {};
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const summary = (xs: number[]) => ({ p50_ms: round(pct(xs, 50)), p95_ms: round(pct(xs, 95)) });

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

async function main() {
  const db = await openDatabase({ dir: ".data/pg-bench-2fa", port: PORT, database: "atrium_bench_2fa", fresh: true });
  stopDb = db.stop;
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
  process.env.DB_POOL_SIZE = "24";
  await migrate(db.url);
  const { generate } = await import("otplib");
  const { startTotpEnrolment } = await import("@/lib/auth/second-factor/start-totp-enrolment");
  const { confirmTotpEnrolment } = await import("@/lib/auth/second-factor/confirm-totp-enrolment");
  const { verifyTotpOrRecoveryCode } = await import("@/lib/auth/second-factor/verify-second-factor");
  const { completeSecondFactor } = await import("@/lib/auth/second-factor/complete-second-factor");
  const { replaceRecoveryCodes } = await import("@/lib/auth/second-factor/store-recovery-codes");
  const { issueOneTimeToken } = await import("@/lib/auth/one-time-tokens");
  const { withPlatformScope } = await import("@/lib/db/scope");
  const { closePools } = await import("@/lib/db/pools");

  const owner = new pg.Client({ connectionString: db.url });
  await owner.connect();
  const userId = "user_bench2fa";
  await owner.query("INSERT INTO users (id, email, name, platform_role) VALUES ($1, 'bench@atrium.test', 'Bench', 'operator')", [userId]);
  const account = { userId, email: "bench@atrium.test", kind: "staff" as const, tenantId: null, host: "localhost:3000", sessionId: null, meta: { ip: null, userAgent: null, requestId: null } };
  const base = Date.UTC(2026, 0, 1);
  const at = (step: number) => new Date(base + step * 30_000);
  const started = await startTotpEnrolment(account, "Atrium");
  const secret = started.secretGroups.join("");
  const code = (step: number) => generate({ secret, epoch: Math.floor(at(step).getTime() / 1000) });
  await confirmTotpEnrolment(account, await code(0), at(0));

  let step = 1;
  const codes = await Promise.all(Array.from({ length: N }, (_, i) => code(step + i)));
  const totp = await timed(N, (i) => verifyTotpOrRecoveryCode(userId, codes[i], at(step + i)));
  step += N;

  // An account holds 10 codes at a time: time them in rounds of fresh sets.
  const recovery: number[] = [];
  for (let r = 0; r < N / 10; r++) {
    const set = await withPlatformScope((tx) => replaceRecoveryCodes(tx, userId));
    recovery.push(...(await timed(10, (i) => verifyTotpOrRecoveryCode(userId, set[i]))));
  }

  const whole: number[] = [];
  for (let i = 0; i < N; i++) {
    const challenge = await issueOneTimeToken({ purpose: "second_factor_challenge", host: "localhost:3000", ttlSeconds: 300, userId, data: { kind: "staff", tenantId: null, method: "password" } });
    const c = await code(step);
    const t = performance.now();
    await completeSecondFactor({ challenge, code: c, host: "localhost:3000", meta: { ip: null, userAgent: null, requestId: null }, now: at(step) });
    whole.push(performance.now() - t);
    step++;
  }

  const winners: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c = await code(step);
    const results = await Promise.all(Array.from({ length: 20 }, () => verifyTotpOrRecoveryCode(userId, c, at(step))));
    winners.push(results.filter(Boolean).length);
    step++;
  }

  const result = {
    at: new Date().toISOString(),
    samples: N,
    totp_verify: summary(totp),
    recovery_code_verify: summary(recovery),
    second_factor_step: summary(whole),
    parallel_same_code: { rounds: ROUNDS, submissions_per_round: 20, winners_per_round: [...new Set(winners)] },
  };
  await mkdir("bench/results", { recursive: true });
  await writeFile("bench/results/second-factor.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  await owner.end();
  await closePools();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDb());
