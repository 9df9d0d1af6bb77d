import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { verifyStaffCredentials } from "@/lib/auth/sign-in";
import { createStaffUser } from "@/lib/users/create-staff-user";
import { uniq } from "../support/fixtures";
import { auditEvents, ownerQuery } from "../support/db";

const PASSWORD = "correct horse battery staple";
// A client address no other test uses, so each per-IP counter starts at zero.
const ip = () => `198.51.100.${uniq("")}`;

// Every sign-in attempt pays one scrypt derivation (64 MiB, ~0.5 s of a core),
// failures included: give these tests room on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

// scrypt is deliberately slow: hash once, and give every account of this file that hash.
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

async function staff(role: "admin" | "operator" | "auditor" | null = "operator") {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role) VALUES ($1, $2, 'Staff', $3, $4)", [id, email, passwordHash, role]);
  return { id, email };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

// scrypt runs on libuv's thread pool: letting these independent tests overlap uses every core.
describe.concurrent("verifyStaffCredentials", () => {
  it("accepts the right password of an account made by createStaffUser (email case and spaces ignored) and records the sign-in", async () => {
    const email = `${uniq("staff-")}@atrium.test`;
    const u = { ...(await createStaffUser(systemCaller("test"), { email, name: "Staff", password: PASSWORD, platform_role: "operator" })), email };
    expect((await auditEvents(u.id, "user.created"))[0].after).toMatchObject({ email: u.email, platform_role: "operator" });
    const ok = await verifyStaffCredentials(`  ${u.email.toUpperCase()} `, PASSWORD, ip());
    expect(ok).toEqual({ id: u.id, email: u.email, name: "Staff" });
    const [row] = await ownerQuery<{ last_login_at: Date | null }>("SELECT last_login_at FROM users WHERE id = $1", [u.id]);
    expect(row.last_login_at).toBeInstanceOf(Date);
  });

  it("refuses a wrong password and an unknown email", async () => {
    const u = await staff();
    expect(await verifyStaffCredentials(u.email, "wrong password!!", ip())).toBeNull();
    expect(await verifyStaffCredentials(`nobody-${uniq()}@atrium.test`, PASSWORD, ip())).toBeNull();
  });

  it("after SIGN_IN_MAX_FAILURES (5) failures for an email, even the right password is refused", async () => {
    const u = await staff();
    for (let i = 0; i < 5; i++) expect(await verifyStaffCredentials(u.email, `wrong ${i} password`, ip())).toBeNull();
    expect(await verifyStaffCredentials(u.email, PASSWORD, ip())).toBeNull();
    // Other accounts are unaffected.
    const other = await staff();
    expect(await verifyStaffCredentials(other.email, PASSWORD, ip())).not.toBeNull();
  });

  it("a burst of parallel guesses cannot outrun the limit: each attempt is counted before it is checked", async () => {
    const u = await staff();
    let pending = 5;
    const guesses = Array.from({ length: 5 }, (_, i) => verifyStaffCredentials(u.email, `parallel guess ${i}`, null).finally(() => (pending -= 1)));
    // The five attempts are on the books while their passwords are still being checked...
    await vi.waitFor(
      async () => {
        const [row] = await ownerQuery<{ n: number }>("SELECT coalesce(sum(cardinality(hits)), 0)::int AS n FROM rate_limit_buckets WHERE key = $1", [`signin-fail:${u.email}`]);
        expect(row.n).toBeGreaterThanOrEqual(5);
      },
      { timeout: 20_000, interval: 5 },
    );
    expect(pending).toBeGreaterThan(0);
    // ...so the right password sent alongside them is already refused.
    expect(await verifyStaffCredentials(u.email, PASSWORD, null)).toBeNull();
    expect(await Promise.all(guesses)).toEqual([null, null, null, null, null]);
  });

  it("refuses a suspended staff account", async () => {
    const u = await staff("admin");
    await ownerQuery("UPDATE users SET status = 'suspended' WHERE id = $1", [u.id]);
    expect(await verifyStaffCredentials(u.email, PASSWORD, ip())).toBeNull();
  });

  it("refuses an account without a platform role (a tenant user), even with the right password", async () => {
    const u = await staff(null);
    expect(await verifyStaffCredentials(u.email, PASSWORD, ip())).toBeNull();
  });
});

// These change SIGN_IN_MAX_FAILURES for the process, so they run one at a time.
describe("verifyStaffCredentials with a lower limit", () => {
  it("fewer failures than the limit do not lock out, and a success resets the count", async () => {
    vi.stubEnv("SIGN_IN_MAX_FAILURES", "2");
    const u = await staff();
    expect(await verifyStaffCredentials(u.email, "wrong password 1", null)).toBeNull();
    expect(await verifyStaffCredentials(u.email, PASSWORD, null)).not.toBeNull();
    // Without the reset this would be the second failure in the window, and the next sign-in refused.
    expect(await verifyStaffCredentials(u.email, "wrong password 2", null)).toBeNull();
    expect(await verifyStaffCredentials(u.email, PASSWORD, null)).not.toBeNull();
  });

  it("throttles per IP too (4 × the per-email limit across accounts); successful sign-ins do not count", async () => {
    vi.stubEnv("SIGN_IN_MAX_FAILURES", "1");
    const from = ip();
    const [a, b] = await Promise.all([staff(), staff()]);
    expect(await verifyStaffCredentials(a.email, PASSWORD, from)).not.toBeNull();
    for (let i = 0; i < 3; i++) expect(await verifyStaffCredentials(`nobody-${uniq()}@atrium.test`, "guess guess guess", from)).toBeNull();
    // Three failures from this address so far (the success above is not one): still allowed.
    expect(await verifyStaffCredentials(b.email, PASSWORD, from)).not.toBeNull();
    expect(await verifyStaffCredentials(`nobody-${uniq()}@atrium.test`, "guess guess guess", from)).toBeNull();
    // Four: this address is now refused, even for a right password...
    expect(await verifyStaffCredentials(a.email, PASSWORD, from)).toBeNull();
    // ...while signing in from elsewhere is fine.
    expect(await verifyStaffCredentials(b.email, PASSWORD, ip())).not.toBeNull();
  });
});
