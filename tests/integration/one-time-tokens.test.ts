import { describe, expect, it } from "vitest";
import { consumeOneTimeToken, hashToken, issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { ownerQuery } from "../support/db";
import { uniq } from "../support/fixtures";

const HOST = "localhost:3000";

describe("one-time tokens", () => {
  it("store only the sha256, redeem once, and carry their claims", async () => {
    const email = `${uniq()}@example.test`;
    const token = await issueOneTimeToken({ purpose: "password_reset", host: HOST, ttlSeconds: 60, email, data: { a: 1 } });
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await ownerQuery<{ token_hash: string }>("SELECT token_hash FROM auth_tokens WHERE email = $1", [email]);
    expect(rows.map((r) => r.token_hash)).toEqual([hashToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await consumeOneTimeToken(token, "password_reset", HOST)).toEqual({ userId: null, email, tenantId: null, data: { a: 1 } });
    expect(await consumeOneTimeToken(token, "password_reset", HOST)).toBeNull();
  });

  it("are bound to their purpose and host, and expire", async () => {
    const token = await issueOneTimeToken({ purpose: "password_reset", host: "a.localhost:3000", ttlSeconds: 60 });
    expect(await consumeOneTimeToken(token, "email_verification", "a.localhost:3000")).toBeNull();
    expect(await consumeOneTimeToken(token, "password_reset", "b.localhost:3000")).toBeNull();
    expect(await consumeOneTimeToken(token, "password_reset", "A.localhost:3000")).not.toBeNull();

    const expired = await issueOneTimeToken({ purpose: "password_reset", host: HOST, ttlSeconds: 60 });
    await ownerQuery("UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [hashToken(expired)]);
    expect(await consumeOneTimeToken(expired, "password_reset", HOST)).toBeNull();
    expect(await consumeOneTimeToken("not-a-token-at-all-but-long-enough", "password_reset", HOST)).toBeNull();
  });

  it("give exactly one winner among 20 parallel redemptions", async () => {
    const token = await issueOneTimeToken({ purpose: "sign_in_ticket", host: HOST, ttlSeconds: 60, data: { n: 7 } });
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeOneTimeToken(token, "sign_in_ticket", HOST)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
