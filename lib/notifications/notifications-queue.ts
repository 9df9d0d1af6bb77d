import type PgBoss from "pg-boss";
import { log } from "@/lib/observability/logger";

/** pg-boss queue of notification sends: every minute (scheduled sends that came due), and at once for a broadcast sent now. */
export const NOTIFICATIONS_QUEUE = "atrium-notifications";

/** Wakes the worker for a broadcast to send now when this process runs jobs; otherwise the minute schedule of whichever instance does picks it up. */
export async function wakeNotificationsJob(): Promise<void> {
  const boss = (globalThis as unknown as { __atriumBoss?: Promise<PgBoss> }).__atriumBoss;
  if (!boss) return;
  try {
    await (await boss).send(NOTIFICATIONS_QUEUE, {});
  } catch (err) {
    log.error({ component: "notifications", err }, "could not wake the notifications job");
  }
}
