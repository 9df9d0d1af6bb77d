import pg from "pg";
import { env } from "@/lib/env";
import { WebhookDispatcher, type DispatcherOptions } from "@/lib/webhooks/webhook-dispatcher";
import { log } from "@/lib/observability/logger";

/** Longest sleep between looks at the outbox when nothing wakes the worker (the pg-boss sweep also runs every minute). */
const IDLE_RECHECK_MS = 30_000;

/**
 * Runs a WebhookDispatcher in this process: LISTEN atrium_webhooks (publishEvent's
 * outbox write NOTIFYs at commit) wakes it at once, a timer wakes it when the
 * next retry falls due, and `kick()` (the pg-boss sweep) wakes it in any case,
 * so a lost notification or a restart strands nothing.
 */
export class WebhookWorker {
  readonly dispatcher: WebhookDispatcher;
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(opts: DispatcherOptions = {}) {
    this.dispatcher = new WebhookDispatcher(opts);
  }

  async start(): Promise<void> {
    await this.listen();
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    void this.dispatcher
      .drain()
      .then(() => this.arm())
      .catch((err: unknown) => {
        log.error({ component: "webhooks", err }, "webhook delivery run failed, retrying in 5 s");
        this.arm(5_000);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
    // Attempts under way finish and are recorded; due messages stay for the next instance (their leases never started).
    await this.dispatcher.finish();
    this.dispatcher.destroy();
  }

  private async arm(fixed?: number): Promise<void> {
    if (this.stopped) return;
    let wait = fixed ?? IDLE_RECHECK_MS;
    if (fixed === undefined) {
      const next = await this.dispatcher.nextDueAt().catch(() => null);
      if (next) wait = Math.min(IDLE_RECHECK_MS, Math.max(0, next.getTime() - Date.now()));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: env.databaseUrl, options: "-c role=atrium_app" });
    client.on("notification", () => this.kick());
    client.on("error", () => {
      // Reconnect; meanwhile the timer and the sweep keep deliveries going.
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    });
    await client.connect();
    await client.query("LISTEN atrium_webhooks");
    this.listener = client;
  }
}
