"use server";

import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { actionAccount } from "@/lib/auth/sessions/action-account";
import { endOtherOwnSessions, endOwnSession } from "@/lib/auth/sessions/end-own-sessions";
import { listOwnSessions, type SessionView } from "@/lib/auth/sessions/list-own-sessions";
import { endUserSessions } from "@/lib/users/end-user-sessions";

export async function listOwnSessionsAction(): Promise<ActionResult<SessionView[]>> {
  return runAction("session.listOwnSessions", async () => listOwnSessions(await actionAccount()));
}

export async function endOwnSessionAction(sessionId: unknown): Promise<ActionResult<{ ended: true; current: boolean }>> {
  return runAction("session.endOwnSession", async () => endOwnSession(await actionAccount(), sessionId));
}

export async function endOtherOwnSessionsAction(): Promise<ActionResult<{ ended: number }>> {
  return runAction("session.endOtherOwnSessions", async () => endOtherOwnSessions(await actionAccount()));
}

/** Staff: end every session of an account (console and portals). */
export async function endUserSessionsAction(userId: unknown): Promise<ActionResult<{ ended: number }>> {
  return runAction("session.endUserSessions", async () => endUserSessions(await actionCaller(), userId));
}
