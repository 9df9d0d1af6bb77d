import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { verifyStaffCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { clearRateLimit, consumeRateLimit, enforceRateLimit, giveBackRateLimit, pruneRateLimits, rateLimitFreeAt } from "@/lib/http/rate-limit";
import { ownerQuery } from "../support/db";
import { uniq } from "../support/fixtures";

// Rate limits slide: "N per window" holds over every window, wherever it starts
// (issue 8: fixed 15-minute windows let twice the sign-in limit through around a boundary).

const hitsOf = async (key: string) => (await ownerQuery<{ n: number }>("SELECT coalesce(sum(cardinality(hits)), 0)::int AS n FROM rate_limit_buckets WHERE key = $1", [key]))[0].n;
/** As if `ms` had passed: every recorded attempt of `key` moves that far into the past. */
const age = (key: string, ms: number) => ownerQuery("UPDATE rate_limit_buckets SET hits = ARRAY(SELECT h - make_interval(secs => $2::float8 / 1000) FROM unnest(hits) AS h) WHERE key = $1", [key, ms]);
const rateLimitError = (e: unknown) => (e instanceof AppError ? { code: e.code, status: e.status, retryAfter: Number(e.headers?.["Retry-After"]) } : e);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("sliding window", () => {
  it("the limit cannot be doubled across a window boundary (real time, a 2-second window)", async () => {
    const key = uniq("rl-boundary:");
    const WINDOW_MS = 2000;
    // Just before a multiple of the window: where a fixed window would start afresh.
    let boundary = Math.ceil(Date.now() / WINDOW_MS) * WINDOW_MS;
    if (boundary - Date.now() < 700) boundary += WINDOW_MS;
    await sleep(boundary - 400 - Date.now());
    const before = [];
    for (let i = 0; i < 3; i++) before.push(await consumeRateLimit(key, 3, WINDOW_MS / 1000));
    expect(before.map((r) => r.allowed)).toEqual([true, true, true]);
    await sleep(Math.max(0, boundary + 100 - Date.now()));
    const after = [];
    for (let i = 0; i < 3; i++) after.push(await consumeRateLimit(key, 3, WINDOW_MS / 1000));
    expect(after.map((r) => r.allowed), "three more right after the boundary would be twice the limit within half a second").toEqual([false, false, false]);
    // The refusal says when the oldest attempt leaves the window...
    const first = before[0].takenAt!.getTime();
    expect(after[0].retryAt!.getTime()).toBe(first + WINDOW_MS);
    // ...and then attempts are allowed again as the old ones leave: the window slides, it does not lock.
    await sleep(first + WINDOW_MS + 20 - Date.now());
    const later = [];
    for (let i = 0; i < 4; i++) later.push(await consumeRateLimit(key, 3, WINDOW_MS / 1000));
    expect(later[0].allowed).toBe(true);
    // Over every 2-second span ending at an allowed attempt, at most 3 were allowed.
    const allowed = [...before, ...after, ...later].filter((r) => r.allowed).map((r) => r.takenAt!.getTime());
    for (const t of allowed) expect(allowed.filter((u) => u > t - WINDOW_MS && u <= t).length).toBeLessThanOrEqual(3);
  });

  it("attempts older than the window no longer count; newer ones do, however close to an hour boundary", async () => {
    const key = uniq("rl-age:");
    for (let i = 0; i < 5; i++) expect((await consumeRateLimit(key, 5, 3600)).allowed).toBe(true);
    await age(key, 59 * 60_000);
    expect((await consumeRateLimit(key, 5, 3600)).allowed, "59 minutes ago is still within the hour").toBe(false);
    await age(key, 61_000);
    expect((await consumeRateLimit(key, 5, 3600)).allowed).toBe(true);
    expect(await hitsOf(key), "expired attempts are dropped, the new one kept").toBe(1);
  });

  it("20 parallel attempts never pass the limit, and the refused ones record nothing", async () => {
    const key = uniq("rl-burst:");
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => enforceRateLimit(key, 5, 60, "test attempts")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [rateLimitError(r.reason)] : []));
    expect(refused).toHaveLength(15);
    for (const e of refused) expect(e).toMatchObject({ code: "rate_limit_exceeded", status: 429 });
    for (const e of refused) expect((e as { retryAfter: number }).retryAfter).toBeGreaterThanOrEqual(59);
    expect(await hitsOf(key)).toBe(5);
  });

  it("a 429 names the limit and says when to try again, in the message, the details and Retry-After", async () => {
    const key = uniq("rl-message:");
    await enforceRateLimit(key, 1, 300, "resends of this invitation");
    const err = await enforceRateLimit(key, 1, 300, "resends of this invitation").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.message).toBe("Too many resends of this invitation: at most 1 per 5 minutes. Try again in 5 minutes.");
    expect(e.details).toMatchObject({ limit: 1, window_seconds: 300, retry_after_seconds: expect.any(Number) });
    expect(Number(e.headers?.["Retry-After"])).toBeGreaterThan(290);
  });

  it("a batch is taken all or nothing", async () => {
    const key = uniq("rl-batch:");
    expect((await consumeRateLimit(key, 5, 3600, { cost: 3 })).allowed).toBe(true);
    expect((await consumeRateLimit(key, 5, 3600, { cost: 3 })).allowed).toBe(false);
    expect(await hitsOf(key)).toBe(3);
    expect((await consumeRateLimit(key, 5, 3600, { cost: 2 })).allowed).toBe(true);
    // More than the whole allowance at once can never pass: no time to wait for.
    const huge = await consumeRateLimit(uniq("rl-huge:"), 5, 3600, { cost: 6 });
    expect(huge).toMatchObject({ allowed: false, retryAt: null });
  });

  it("taken inside a transaction, attempts are given back when it rolls back", async () => {
    const key = uniq("rl-tx:");
    await db()
      .$transaction(async (tx) => {
        expect((await consumeRateLimit(key, 5, 60, { tx, cost: 2 })).allowed).toBe(true);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await hitsOf(key)).toBe(0);
  });

  it("give back, clear, when the next attempt is free, and pruning", async () => {
    const key = uniq("rl-misc:");
    const a = await consumeRateLimit(key, 2, 600);
    await consumeRateLimit(key, 2, 600);
    expect((await rateLimitFreeAt([key], 2, 600)).get(key)!.getTime()).toBe(a.takenAt!.getTime() + 600_000);
    await giveBackRateLimit(key, a.takenAt!);
    expect(await hitsOf(key)).toBe(1);
    expect((await rateLimitFreeAt([key], 2, 600)).has(key), "room again").toBe(false);
    await clearRateLimit(key);
    expect(await hitsOf(key)).toBe(0);

    const [stale, live] = [uniq("rl-stale:"), uniq("rl-live:")];
    await consumeRateLimit(stale, 1, 1);
    await consumeRateLimit(live, 1, 3600);
    await ownerQuery("UPDATE rate_limit_buckets SET expires_at = now() - interval '1 second' WHERE key = $1", [stale]);
    await pruneRateLimits();
    const left = await ownerQuery<{ key: string }>("SELECT key FROM rate_limit_buckets WHERE key = ANY ($1::text[])", [[stale, live]]);
    expect(left.map((r) => r.key)).toEqual([live]);
  });
});

describe("sign-in throttling slides too", () => {
  const PASSWORD = "correct horse battery staple";
  let passwordHash: string;
  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD);
  });
  vi.setConfig({ testTimeout: 90_000 });

  async function staff() {
    const id = uniq("user_");
    const email = `${id}@atrium.test`;
    await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Staff', $3, 'operator')", [id, email, passwordHash]);
    return { id, email };
  }

  it("five failures lock the email for 15 minutes from the first of them, not until a clock boundary", async () => {
    const u = await staff();
    for (let i = 0; i < 5; i++) expect(await verifyStaffCredentials(u.email, `wrong ${i} password`, null)).toBeNull();
    await age(`signin-fail:${u.email}`, 14 * 60_000);
    expect(await verifyStaffCredentials(u.email, PASSWORD, null), "14 minutes later: still five failures in the last 15 minutes").toBeNull();
    await age(`signin-fail:${u.email}`, 61_000);
    expect(await verifyStaffCredentials(u.email, PASSWORD, null)).toMatchObject({ id: u.id });
  });

  it("20 parallel guesses at one email record exactly the limit; a success clears the email and gives the address its attempt back", async () => {
    const u = await staff();
    const ip = `203.0.113.${uniq("")}`;
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => verifyStaffCredentials(u.email, `parallel guess ${i}`, ip)));
    expect(guesses.every((g) => g === null)).toBe(true);
    expect(await hitsOf(`signin-fail:${u.email}`)).toBe(5);
    expect(await verifyStaffCredentials(u.email, PASSWORD, ip), "locked").toBeNull();

    const v = await staff();
    const from = `203.0.113.${uniq("")}`;
    expect(await verifyStaffCredentials(v.email, "wrong password!!", from)).toBeNull();
    expect(await verifyStaffCredentials(v.email, PASSWORD, from)).toMatchObject({ id: v.id });
    expect(await hitsOf(`signin-fail:${v.email}`)).toBe(0);
    expect(await hitsOf(`signin-fail-ip:${from}`), "the failure stays, the success is given back").toBe(1);
  });
});
