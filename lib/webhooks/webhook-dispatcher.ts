import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { webhookAgents, type WebhookAgents } from "@/lib/webhooks/address-policy";
import { notifyEndpointDisabled } from "@/lib/webhooks/notify-endpoint-disabled";
import { nextAttemptAt } from "@/lib/webhooks/retry-schedule";
import { openSecret } from "@/lib/webhooks/secret-box";
import { sendWebhookRequest, type SendResult } from "@/lib/webhooks/send-webhook-request";
import { webhookHeaders } from "@/lib/webhooks/sign-webhook";
import { log } from "@/lib/observability/logger";

/** An endpoint failing without a single success for this long is disabled and its admins are told. */
export const DISABLE_AFTER_FAILING_MS = 5 * 86_400_000;
/** A claimed message is due again after this, should its worker die mid-attempt (longer than any attempt). */
const LEASE_MS = 60_000;
/** The worker waits longer than a request would for a pooled connection: on a busy machine a late delivery beats a failed sweep. */
const SCOPE = { maxWait: 10_000, timeout: 30_000 };

export type DispatcherOptions = {
  /** The clock for due times, retries and the 5-day rule (tests move it). Signatures use the wall clock: receivers check it. */
  now?: () => Date;
  timeoutMs?: number;
  /** Attempts in flight at once. */
  concurrency?: number;
  /** Rows claimed per query. */
  batchSize?: number;
  agents?: WebhookAgents;
  random?: () => number;
};

type Claimed = {
  id: string;
  tenant_id: string | null;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  event_tenant_id: string | null;
  body: string;
  attempts: number;
  url: string;
  secret_ciphertext: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Date | null;
};

type Outcome = {
  message_id: string;
  attempt_id: string;
  tenant_id: string | null;
  endpoint_id: string;
  attempt: number;
  attempted_at: string;
  succeeded: boolean;
  status_code: number | null;
  duration_ms: number;
  response_body: string | null;
  error: string | null;
  status: "succeeded" | "retrying" | "failed";
  next_attempt_at: string | null;
};

const CLAIM = `
  WITH due AS (
    SELECT m.id FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id
    WHERE m.status IN ('pending', 'retrying') AND m.next_attempt_at <= $1::timestamptz AND (e.enabled OR m.event_type = 'webhook.test')
    ORDER BY m.next_attempt_at
    LIMIT $2
    FOR UPDATE OF m SKIP LOCKED
  )
  UPDATE webhook_messages m SET next_attempt_at = $3::timestamptz
  FROM due, webhook_endpoints e
  WHERE m.id = due.id AND e.id = m.endpoint_id
  RETURNING m.id, m.tenant_id, m.endpoint_id, m.event_id, m.event_type, m.event_tenant_id, m.body, m.attempts,
            e.url, e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at`;

// One statement per batch of finished attempts: the log rows and the messages' new state.
const RECORD = `
  WITH r AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(message_id text, attempt_id text, tenant_id text, endpoint_id text, attempt int, attempted_at timestamptz,
      succeeded boolean, status_code int, duration_ms int, response_body text, error text, status text, next_attempt_at timestamptz)
    WHERE EXISTS (SELECT 1 FROM webhook_messages m WHERE m.id = r.message_id)
  ), log AS (
    INSERT INTO webhook_attempts (id, tenant_id, message_id, endpoint_id, attempt, attempted_at, succeeded, status_code, duration_ms, response_body, error)
    SELECT attempt_id, tenant_id, message_id, endpoint_id, attempt, attempted_at, succeeded, status_code, duration_ms, response_body, error FROM r
  )
  UPDATE webhook_messages m SET status = r.status, attempts = r.attempt, next_attempt_at = COALESCE(r.next_attempt_at, m.next_attempt_at),
    last_attempt_at = r.attempted_at, last_status_code = r.status_code, last_error = r.error,
    delivered_at = CASE WHEN r.succeeded THEN r.attempted_at ELSE m.delivered_at END
  FROM r WHERE m.id = r.message_id`;

const clean = (s: string | null) => (s === null ? null : s.replace(/\u0000/g, "").replace(/[\ud800-\udfff]/g, "\ufffd"));

/**
 * Delivers the webhook outbox. Claims due rows with FOR UPDATE SKIP LOCKED
 * (several processes may run one each), leasing them for a minute instead of
 * holding a transaction open over HTTP, sends up to `concurrency` at once and
 * records finished attempts in batches. A crash leaves leased rows that fall
 * due again when the lease ends: at-least-once, deduplicated by webhook-id.
 */
export class WebhookDispatcher {
  private readonly now: () => Date;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly agents: WebhookAgents;
  private readonly random: () => number;
  private running: Promise<number> | null = null;
  private again = false;
  private stopping = false;
  private queue: { outcome: Outcome; resolve: () => void }[] = [];
  private writing = false;

  constructor(opts: DispatcherOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.concurrency = opts.concurrency ?? 64;
    this.batchSize = opts.batchSize ?? 100;
    this.agents = opts.agents ?? webhookAgents();
    this.random = opts.random ?? Math.random;
  }

  /** Delivers everything due now (and what falls due meanwhile); resolves with the number of attempts once all are recorded. */
  drain(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          total += await this.pump();
        } while (this.again);
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  /** The earliest time a waiting message falls due, for the caller's timer. */
  async nextDueAt(): Promise<Date | null> {
    const rows = await withPlatformScope(
      (tx) =>
        tx.$queryRawUnsafe<{ at: Date | null }[]>(
          "SELECT min(m.next_attempt_at) AS at FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id WHERE m.status IN ('pending', 'retrying') AND (e.enabled OR m.event_type = 'webhook.test')",
        ),
      SCOPE,
    );
    return rows[0]?.at ?? null;
  }

  /** Stops claiming messages and resolves once the attempts under way are recorded; what is left waits for another worker. */
  async finish(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  destroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async pump(): Promise<number> {
    const inflight = new Set<Promise<void>>();
    let started = 0;
    for (;;) {
      const free = this.concurrency - inflight.size;
      const claimed = free > 0 && !this.stopping ? await this.claim(Math.min(free, this.batchSize)) : [];
      for (const m of claimed) {
        const p: Promise<void> = this.attempt(m)
          .catch((err: unknown) => log.error({ component: "webhooks", message_id: m.id, err }, "webhook attempt failed"))
          .finally(() => inflight.delete(p));
        inflight.add(p);
        started++;
      }
      if (inflight.size === 0 && claimed.length === 0) return started;
      // A full pool, or nothing more due: wait for one to finish, then look again (new rows may have arrived).
      if (claimed.length === 0 || inflight.size >= this.concurrency) await Promise.race(inflight);
    }
  }

  private claim(limit: number): Promise<Claimed[]> {
    const now = this.now();
    return withPlatformScope((tx) => tx.$queryRawUnsafe<Claimed[]>(CLAIM, now, limit, new Date(now.getTime() + LEASE_MS)), SCOPE);
  }

  private opened = new Map<string, string>();

  /** Opened once per ciphertext (a rotation makes a new one), not once per delivery. */
  private open(ciphertext: string): string {
    let secret = this.opened.get(ciphertext);
    if (secret === undefined) {
      if (this.opened.size > 1_000) this.opened.clear();
      secret = openSecret(ciphertext);
      this.opened.set(ciphertext, secret);
    }
    return secret;
  }

  private secrets(m: Claimed): string[] {
    let current: string;
    try {
      current = this.open(m.secret_ciphertext);
    } catch {
      throw new Error("The signing secret cannot be decrypted (was WEBHOOK_SECRET_KEY changed?); rotate the endpoint's secret");
    }
    const out = [current];
    if (m.previous_secret_ciphertext && m.previous_secret_expires_at && m.previous_secret_expires_at > this.now()) {
      try {
        out.push(this.open(m.previous_secret_ciphertext));
      } catch {
        // A previous secret sealed under a key since replaced: sign with the current one alone.
      }
    }
    return out;
  }

  private async attempt(m: Claimed): Promise<void> {
    const attemptedAt = this.now();
    let result: SendResult;
    try {
      const headers = webhookHeaders({ eventId: m.event_id, eventType: m.event_type, eventTenantId: m.event_tenant_id, body: m.body }, this.secrets(m), new Date());
      result = await sendWebhookRequest(m.url, headers, m.body, { agents: this.agents, timeoutMs: this.timeoutMs });
    } catch (err) {
      result = { ok: false, statusCode: null, responseBody: null, durationMs: 0, error: err instanceof Error ? err.message : String(err) };
    }
    const attempt = m.attempts + 1;
    const gone = result.statusCode === 410;
    const retryAt = result.ok || gone ? null : nextAttemptAt(attempt, attemptedAt, this.random);
    await this.record({
      message_id: m.id,
      attempt_id: `wha_${randomBytes(10).toString("hex")}`,
      tenant_id: m.tenant_id,
      endpoint_id: m.endpoint_id,
      attempt,
      attempted_at: attemptedAt.toISOString(),
      succeeded: result.ok,
      status_code: result.statusCode,
      duration_ms: result.durationMs,
      response_body: clean(result.responseBody),
      error: clean(gone ? "410 Gone: the endpoint was disabled" : result.error ?? (result.ok ? null : `HTTP ${result.statusCode}`)),
      status: result.ok ? "succeeded" : retryAt ? "retrying" : "failed",
      next_attempt_at: retryAt?.toISOString() ?? null,
    });
  }

  /** Queues an outcome for the next batch write; resolves once it is written. Batches form while a write is under way. */
  private record(outcome: Outcome): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ outcome, resolve });
      if (!this.writing) void this.writeLoop();
    });
  }

  private async writeLoop(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 500);
        try {
          await withPlatformScope((tx) => this.write(tx, batch.map((b) => b.outcome)), SCOPE);
        } catch (err) {
          // The rows stay leased and fall due again: delivered twice rather than lost.
          log.error({ component: "webhooks", err }, "recording webhook attempts failed");
        }
        for (const b of batch) b.resolve();
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(tx: Tx, outcomes: Outcome[]): Promise<void> {
    await tx.$executeRawUnsafe(RECORD, JSON.stringify(outcomes));
    // Per endpoint, in attempt order: a success ends a failure streak; a failure starts one unless one is running.
    const streak = new Map<string, { ok: boolean; since: string | null }>();
    for (const o of [...outcomes].sort((a, b) => a.attempted_at.localeCompare(b.attempted_at))) {
      const s = streak.get(o.endpoint_id);
      streak.set(o.endpoint_id, o.succeeded ? { ok: true, since: null } : { ok: false, since: s && !s.ok ? s.since : o.attempted_at });
    }
    const healthy = [...streak].filter(([, s]) => s.ok).map(([id]) => id);
    if (healthy.length) await tx.$executeRawUnsafe("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ANY($1::text[]) AND failing_since IS NOT NULL", healthy);
    const failing = [...streak].filter(([, s]) => !s.ok);
    if (failing.length) {
      await tx.$executeRawUnsafe(
        `UPDATE webhook_endpoints e SET failing_since = f.since FROM unnest($1::text[], $2::timestamptz[]) AS f(id, since) WHERE e.id = f.id AND e.failing_since IS NULL`,
        failing.map(([id]) => id),
        failing.map(([, s]) => s.since),
      );
    }
    const now = this.now();
    const gone = [...new Set(outcomes.filter((o) => o.status_code === 410).map((o) => o.endpoint_id))];
    if (gone.length) {
      await tx.$executeRawUnsafe("UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'gone', disabled_at = $2::timestamptz, updated_at = $2::timestamptz WHERE id = ANY($1::text[]) AND enabled", gone, now);
    }
    if (failing.length) {
      const disabled = await tx.$queryRawUnsafe<{ id: string; tenant_id: string | null; url: string; failing_since: Date }[]>(
        `UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'failing', disabled_at = $2::timestamptz, updated_at = $2::timestamptz
         WHERE id = ANY($1::text[]) AND enabled AND failing_since <= $3::timestamptz RETURNING id, tenant_id, url, failing_since`,
        failing.map(([id]) => id),
        now,
        new Date(now.getTime() - DISABLE_AFTER_FAILING_MS),
      );
      for (const d of disabled) await notifyEndpointDisabled(tx, { id: d.id, tenantId: d.tenant_id, url: d.url, failingSince: d.failing_since });
    }
  }
}
