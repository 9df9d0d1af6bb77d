import { createHash, randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { newApiKeySecret } from "@/lib/auth/api-keys";
import { newRecoveryCodes } from "@/lib/auth/second-factor/recovery-codes";
import { newTotpSecret, totpUri } from "@/lib/auth/second-factor/totp";
import { newInvitationToken } from "@/lib/invitations/invitation-token";
import { newId } from "@/lib/ids";
import { createLogger } from "@/lib/observability/logger";
import { newWebhookSecret } from "@/lib/webhooks/secret-box";
import { E2E_SECRETS, STAFF_PASSWORD } from "../../e2e/support/secrets";
import { scanText, SECRET_SHAPES, type KnownSecret } from "../../scripts/lib/secret-scan";

const known: KnownSecret[] = [...Object.entries(E2E_SECRETS).map(([name, value]) => ({ name, value })), { name: "NEXTAUTH_SECRET", value: "run-secret-abcdefghijklmnop" }];

/** A realistic request log line (as lib/observability/request-log.ts writes it) with `extra` spliced into a field. */
const line = (extra: string) =>
  JSON.stringify({ level: "info", time: new Date().toISOString(), pid: 4242, hostname: "vm", component: "http", kind: "api", request_id: newId("req"), tenant_id: newId("tenant"), actor: `api_key:${newId("key")}`, method: "GET", route: "GET /api/v1/tenants/{id}", status: 200, duration_ms: 3.4, error_code: null, note: extra, msg: "request" });

describe("the log secret check (scripts/check-logs-for-secrets.ts)", () => {
  it("finds a planted secret of each shape Atrium issues, and each known password, and names it without repeating it", async () => {
    const jwe = await encode({ token: { sub: "user_1", sid: "ses_1" }, secret: "test-secret-not-for-production-0123456789" });
    const totp = newTotpSecret();
    const planted: [string, string][] = [
      [newApiKeySecret().secret, "Atrium API key (atr_…)"],
      [newWebhookSecret(), "webhook signing secret (whsec_…)"],
      [jwe, "JWT/JWE (session token)"],
      [`cookie: next-auth.session-token=${randomBytes(40).toString("hex")}`, "session or CSRF cookie"],
      [`authorization: Bearer ${randomBytes(24).toString("hex")}`, "bearer credential"],
      ["smtp://mailer:hunter2hunter2@smtp.example.com:587", "password in a connection URL"],
      ["postgresql://postgres:S3cr3t-db-pw@127.0.0.1:5432/atrium", "password in a connection URL"],
      [`GET /reset-password?token=${randomBytes(20).toString("hex")}`, "token in a URL"],
      [`GET /api/v1/tenants/t/export/e/download?expires=1&sig=${randomBytes(20).toString("hex")}`, "token in a URL"],
      [`GET /invite/${newInvitationToken()}`, "invitation link token"],
      [totpUri(totp, "mia@acme.example", "Atrium"), "TOTP provisioning URI"],
      [`secret ${totp}`, "TOTP secret (base32)"],
      [`codes ${newRecoveryCodes()[0]}`, "recovery code"],
      [`ticket ${newInvitationToken()}`, "one-time token (32 random bytes, base64url)"],
      [`password was ${STAFF_PASSWORD}`, "STAFF_PASSWORD"],
      [`secret=${encodeURIComponent(E2E_SECRETS.INVITEE_PASSWORD)}`, "INVITEE_PASSWORD"],
      ["NEXTAUTH_SECRET=run-secret-abcdefghijklmnop", "NEXTAUTH_SECRET"],
    ];
    const text = ["", ...planted.map(([secret]) => line(secret))].join("\n");
    const findings = scanText(text, "planted.log", known);
    for (const [i, [secret, name]] of planted.entries()) {
      const found = findings.filter((f) => f.line === i + 2);
      expect(found.map((f) => f.secret), `line ${i + 2} should be reported as ${name}`).toContain(name);
      for (const f of found) expect(f.excerpt).not.toContain(secret);
    }
    // Every shape the checker knows was planted at least once.
    expect(new Set(findings.map((f) => f.secret))).toEqual(new Set([...SECRET_SHAPES.map((s) => s.name), "STAFF_PASSWORD", "INVITEE_PASSWORD", "NEXTAUTH_SECRET"]));
  });

  it("passes clean JSON log lines: ids, digests, UUIDs, times and redacted values", () => {
    const clean = [
      line("plain"),
      line(createHash("sha256").update("x").digest("hex")),
      line(randomUUID()),
      line(`next_page=/api/v1/tenants?page=2&page_size=50&sort=updated_at`),
      line("GET /invite/[REDACTED] token=[REDACTED] atr_[REDACTED] whsec_[REDACTED] Bearer [REDACTED]"),
      line("postgresql://atrium:[REDACTED]@127.0.0.1:5432/atrium"),
      JSON.stringify({ level: "info", time: new Date().toISOString(), component: "jobs", task: "mail", sent: 3, failed: 0, msg: "mail delivered" }),
      JSON.stringify({ level: "error", err: { type: "Error", message: "connect ECONNREFUSED 127.0.0.1:5432", stack: "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)" }, msg: "x" }),
    ].join("\n");
    expect(scanText(clean, "clean.log", known)).toEqual([]);
  });

  it("passes what the logger writes when handed secrets in fields, messages and errors", () => {
    const out: string[] = [];
    const logger = createLogger({ write: (s: string) => void out.push(s) }, "info");
    const key = newApiKeySecret().secret;
    logger.info({ headers: { authorization: `Bearer ${key}`, cookie: "next-auth.session-token=abc.def.ghi" }, password: STAFF_PASSWORD, body: { admin_user: { password: STAFF_PASSWORD } } }, "creating a tenant");
    logger.error({ err: new Error(`SMTP login failed for smtp://mailer:${STAFF_PASSWORD}@smtp.example.com:587`) }, "mail delivery failed");
    logger.info({ path: `/invite/${newInvitationToken()}`, url: `http://x/reset-password?token=${newInvitationToken()}` }, `webhook secret ${newWebhookSecret()} rotated for key ${key}`);
    expect(out).toHaveLength(3);
    expect(scanText(out.join(""), "logger.log", known)).toEqual([]);
    expect(JSON.parse(out[0])).toMatchObject({ level: "info", msg: "creating a tenant", password: "[REDACTED]", headers: { authorization: "[REDACTED]", cookie: "[REDACTED]" }, body: { admin_user: { password: "[REDACTED]" } } });
    expect(JSON.parse(out[1]).err).toMatchObject({ type: "Error", message: "SMTP login failed for smtp://mailer:[REDACTED]@smtp.example.com:587" });
    expect(JSON.parse(out[1]).err.stack).toContain("at ");
  });
});
