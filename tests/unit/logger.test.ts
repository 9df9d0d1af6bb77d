import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "@/lib/observability/logger";

function memoryLogger(level = "info") {
  const lines: string[] = [];
  const logger = createLogger({ write: (s: string) => void lines.push(s) }, level);
  return { logger, lines: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), raw: () => lines.join("") };
}

afterEach(() => {
  delete process.env.ATRIUM_INSTANCE;
});

describe("the logger (lib/observability/logger.ts)", () => {
  it("writes JSON lines with a level name, ISO time, pid, hostname and the instance name when set", () => {
    process.env.ATRIUM_INSTANCE = "web-2";
    const { logger, lines } = memoryLogger("info");
    logger.child({ component: "jobs" }).info({ task: "mail", sent: 2 }, "mail delivered");
    logger.debug("below the level");
    const [line, ...rest] = lines();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: "info", pid: process.pid, hostname: expect.any(String), instance: "web-2", component: "jobs", task: "mail", sent: 2, msg: "mail delivered" });
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
  });

  it("replaces secret-named fields at any depth and in arrays, without touching the caller's objects", () => {
    const { logger, lines } = memoryLogger();
    const input = {
      headers: { Authorization: "Bearer abcdefghijklmnopqrstuvwxyz", cookie: "next-auth.session-token=x", "user-agent": "curl" },
      body: { tenant: { admin_user: { email: "o@x.test", password: "hunter2hunter2" } } },
      endpoints: [{ url: "https://hooks.example.com/in", signingSecret: "whsec_abc" }],
      config: { smtpUrl: "smtp://u:p@h", DATABASE_URL: "postgres://x", api_key: "k", recoveryCodes: ["A"], clientSecret: "c" },
    };
    const before = JSON.stringify(input);
    logger.info(input, "with secrets");
    expect(JSON.stringify(input)).toBe(before);
    expect(lines()[0]).toMatchObject({
      headers: { Authorization: "[REDACTED]", cookie: "[REDACTED]", "user-agent": "curl" },
      body: { tenant: { admin_user: { email: "o@x.test", password: "[REDACTED]" } } },
      endpoints: [{ url: "https://hooks.example.com/in", signingSecret: "[REDACTED]" }],
      config: { smtpUrl: "[REDACTED]", DATABASE_URL: "[REDACTED]", api_key: "[REDACTED]", recoveryCodes: "[REDACTED]", clientSecret: "[REDACTED]" },
    });
  });

  it("serializes errors with type, message and stack, scrubbed, their secret-named fields replaced; an error alone gets its scrubbed message", () => {
    const { logger, lines, raw } = memoryLogger();
    const err = Object.assign(new TypeError("connect to postgresql://atrium:pa55word@db:5432/atrium refused"), { code: "ECONNREFUSED", config: { password: "pa55word" } });
    logger.error(err);
    logger.error({ err, component: "mail" }, "delivery failed for smtp://mailer:pa55word@smtp.example.com");
    const [alone, withMessage] = lines();
    expect(alone).toMatchObject({ level: "error", msg: "connect to postgresql://atrium:[REDACTED]@db:5432/atrium refused", err: { type: "TypeError", code: "ECONNREFUSED", config: { password: "[REDACTED]" } } });
    expect((alone.err as { stack: string }).stack).toMatch(/^TypeError: connect to postgresql:\/\/atrium:\[REDACTED\]@db/);
    expect(withMessage).toMatchObject({ component: "mail", msg: "delivery failed for smtp://mailer:[REDACTED]@smtp.example.com" });
    expect(raw()).not.toContain("pa55word");
  });

  it("scrubs secret-shaped text out of messages and string fields: keys, webhook secrets, tokens in links, JWTs", () => {
    const { logger, raw } = memoryLogger();
    const key = `atr_${"Ab3".repeat(15)}`;
    const jwt = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abcDEF123.ghiJKL456.mnoPQR789";
    logger.info({ path: "/invite/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg", link: "https://x/reset-password?token=abcdefghijklmnop&x=1" }, `key ${key} secret whsec_${"Zz9+".repeat(11)} jwt ${jwt}`);
    const out = raw();
    for (const secret of [key, "whsec_Zz9", jwt, "AbCdEfGhIjKlMnOpQrStUvWxYz", "abcdefghijklmnop"]) expect(out).not.toContain(secret);
    expect(out).toContain("/invite/[REDACTED]");
    expect(out).toContain("token=[REDACTED]&x=1");
  });
});
