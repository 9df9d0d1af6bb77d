// Passkey ceremonies at the service layer (issue 13 §1): what a registration,
// a passwordless sign-in and a passkey second factor cost the server — the
// one-time-token challenge, @simplewebauthn/server's verification (ES256), the
// counter UPDATE and the audit rows — with a software authenticator
// (tests/support/software-authenticator.ts). Run: npm run bench:passkeys (its
// own embedded PostgreSQL on BENCH_PASSKEYS_PG_PORT, default 54372).
import { percentile } from "./load";
import { assert, createPasskey } from "../tests/support/software-authenticator";

const RUNS = 200;
const REGISTRATIONS = 50;

async function main() {
  const { openDatabase } = await import("../scripts/lib/database");
  const { migrate } = await import("@/lib/db/migrate");
  const db = await openDatabase({ dir: ".data/pg-bench-passkeys", port: Number(process.env.BENCH_PASSKEYS_PG_PORT ?? 54372), database: "atrium_bench", fresh: true });
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET ??= "bench-secret-not-for-production-0123456789";
  process.env.APP_ROOT_DOMAIN = "localhost:3000";
  try {
    await migrate(db.url);
    const { ownerPool, closePools } = await import("@/lib/db/pools");
    const { relyingPartyFor } = await import("@/lib/auth/passkeys/relying-party");
    const { startPasskeyRegistration } = await import("@/lib/auth/passkeys/start-passkey-registration");
    const { finishPasskeyRegistration } = await import("@/lib/auth/passkeys/finish-passkey-registration");
    const { startPasskeySignIn } = await import("@/lib/auth/passkeys/start-passkey-sign-in");
    const { finishPasskeySignIn } = await import("@/lib/auth/passkeys/finish-passkey-sign-in");
    const { issueOneTimeToken } = await import("@/lib/auth/one-time-tokens");
    try {
      const rp = await relyingPartyFor("localhost:3000");
      const users = Array.from({ length: REGISTRATIONS }, (_, i) => ({ id: `user_bench${i}`, email: `bench${i}@atrium.test` }));
      for (const u of users) await ownerPool().query("INSERT INTO users (id, email, name, platform_role) VALUES ($1, $2, 'Bench', 'operator')", [u.id, u.email]);
      const time = async (fn: () => Promise<unknown>, out: number[]) => {
        const t = process.hrtime.bigint();
        await fn();
        out.push(Number(process.hrtime.bigint() - t) / 1e6);
      };

      const register: number[] = [];
      const keys = [];
      for (const u of users) {
        const caller = { kind: "user" as const, id: u.id, label: u.email, platformRole: "operator" as const, permissions: new Set<never>(), meta: { ip: "127.0.0.1", userAgent: null, requestId: null } };
        const account = { userId: u.id, email: u.email, rp, caller, actor: caller };
        let made!: ReturnType<typeof createPasskey>;
        await time(async () => {
          const { state, options } = await startPasskeyRegistration(account);
          made = createPasskey(options, rp.origin);
          await finishPasskeyRegistration(account, { state, name: "Bench", response: made.response });
        }, register);
        keys.push({ user: u, passkey: made.passkey });
      }

      const passwordless: number[] = [];
      const secondFactor: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const { user, passkey } = keys[i % keys.length];
        const ip = `10.0.${i % 250}.1`;
        await time(async () => {
          const { state, options } = await startPasskeySignIn(rp, {}, ip);
          await finishPasskeySignIn(rp, { state, response: assert(passkey, options, rp.origin) as never }, { ip, userAgent: null });
        }, passwordless);
        const challenge = await issueOneTimeToken({ purpose: "second_factor_challenge", host: rp.host, ttlSeconds: 300, userId: user.id, data: { kind: "staff", tenantId: null, method: "password" } });
        await time(async () => {
          const { state, options } = await startPasskeySignIn(rp, { challenge }, ip);
          await finishPasskeySignIn(rp, { state, challenge, response: assert(passkey, options, rp.origin) as never }, { ip, userAgent: null });
        }, secondFactor);
      }
      const row = (name: string, xs: number[]) => console.log(`| ${name} | ${xs.length} | ${percentile(xs, 50).toFixed(2)} | ${percentile(xs, 99).toFixed(2)} |`);
      console.log("| ceremony (options + verify) | runs | p50 ms | p99 ms |\n|---|---:|---:|---:|");
      row("registration (audit + alert mail)", register);
      row("passwordless sign-in (audit, ticket)", passwordless);
      row("second factor after a password (ticket)", secondFactor);
    } finally {
      await closePools();
    }
  } finally {
    await db.stop();
  }
}

void main();
